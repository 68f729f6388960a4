-- Speakers affiliated with a country ($country, ISO 3166-1 alpha-2): by
-- their own country, a role's country, or an organisation of their roles.
SELECT forum_id, speaker_id FROM speakers WHERE country = $country
UNION
SELECT forum_id, speaker_id FROM roles WHERE country = $country
UNION
SELECT forum_id, speaker_id FROM affiliations WHERE country = $country
ORDER BY forum_id, speaker_id;
