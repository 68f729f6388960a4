-- Speakers affiliated with a country, the ISO 3166-1 alpha-2 code in the
-- variable "country" (SET VARIABLE country = 'CN'): by their own country,
-- a role's country, or an organisation of their roles.
SELECT forum_id, speaker_id FROM speakers WHERE country = getvariable('country')
UNION
SELECT forum_id, speaker_id FROM roles WHERE country = getvariable('country')
UNION
SELECT forum_id, speaker_id FROM affiliations WHERE country = getvariable('country')
ORDER BY forum_id, speaker_id;
