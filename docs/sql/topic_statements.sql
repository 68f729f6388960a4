-- Statements tagged with the topic in the variable "topic"
-- (SET VARIABLE topic = 'privacy').
SELECT forum_id, statement_id
FROM statements
WHERE list_contains(topics, getvariable('topic'))
ORDER BY forum_id, statement_id;
