-- Statements tagged with a topic ($topic).
SELECT s.forum_id, s.statement_id
FROM statements AS s
WHERE list_contains(s.topics, $topic)
ORDER BY s.forum_id, s.statement_id;
