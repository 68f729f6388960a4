-- Speakers who hold a role in a ministry or in a unit inside one.
SELECT DISTINCT forum_id, speaker_id
FROM affiliations
WHERE kind = 'ministry'
ORDER BY forum_id, speaker_id;
