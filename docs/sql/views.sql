-- One view per table: every Parquet file of the table, with the partition
-- column "forum" that hive partitioning adds.
CREATE VIEW organizations AS
  SELECT * FROM read_parquet('corpus/organizations/**/*.parquet', hive_partitioning = true);
CREATE VIEW speakers AS
  SELECT * FROM read_parquet('corpus/speakers/**/*.parquet', hive_partitioning = true);
CREATE VIEW roles AS
  SELECT * FROM read_parquet('corpus/roles/**/*.parquet', hive_partitioning = true);
CREATE VIEW statements AS
  SELECT * FROM read_parquet('corpus/statements/**/*.parquet', hive_partitioning = true);

-- Each organisation with itself and every organisation it is part of, at
-- any depth of parent_id.
CREATE VIEW lineage AS
  WITH RECURSIVE lineage (forum_id, organization_id, ancestor_id) AS (
    SELECT forum_id, organization_id, organization_id FROM organizations
    UNION
    SELECT l.forum_id, l.organization_id, o.parent_id
    FROM lineage AS l
    JOIN organizations AS o
      ON o.forum_id = l.forum_id AND o.organization_id = l.ancestor_id
    WHERE o.parent_id IS NOT NULL
  )
  SELECT * FROM lineage;

-- Each speaker with every organisation their roles are in, and the
-- organisations those are part of.
CREATE VIEW affiliations AS
  SELECT DISTINCT r.forum_id, r.speaker_id, a.*
  EXCLUDE (forum_id)
  FROM roles AS r
  JOIN lineage AS l
    ON l.forum_id = r.forum_id AND l.organization_id = r.organization_id
  JOIN organizations AS a
    ON a.forum_id = l.forum_id AND a.organization_id = l.ancestor_id;
