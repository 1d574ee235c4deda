-- The credit check of a priced call needs what the workspace spent through the gateway since its
-- last billing snapshot. Summing gateway_usage for that read every row since the snapshot, a cost
-- that grew with each call. Now each statement that stores usage adds its cost to the workspace's
-- running total and keeps a mark of the total it reached. The check reads the total now and the
-- last mark at or before the snapshot: two index lookups, however many calls there were.

CREATE TABLE gateway_workspace_spend (
    workspace_id VARCHAR(64) PRIMARY KEY,
    spent_micros BIGINT      NOT NULL
);

-- One row per statement and workspace that stored a cost. The total only grows, so it is unique
-- within a workspace. stored_at is taken while the statement's transaction has the workspace's
-- total row locked, so the marks of one workspace are in the order of their totals.
CREATE TABLE gateway_spend_mark (
    workspace_id VARCHAR(64) NOT NULL,
    spent_micros BIGINT      NOT NULL,
    stored_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, spent_micros)
);

CREATE INDEX gateway_spend_mark_stored ON gateway_spend_mark (workspace_id, stored_at);

-- The usage stored before this migration: one mark per priced call, at its recorded time.
INSERT INTO gateway_spend_mark (workspace_id, spent_micros, stored_at)
SELECT workspace_id,
       sum(cost_micros) OVER (PARTITION BY workspace_id ORDER BY recorded_at, event_id),
       recorded_at
FROM gateway_usage
WHERE cost_micros > 0;

INSERT INTO gateway_workspace_spend (workspace_id, spent_micros)
SELECT workspace_id, sum(cost_micros)
FROM gateway_usage
GROUP BY workspace_id
HAVING sum(cost_micros) > 0;

-- A trigger keeps the totals, so a replica still on the code before this migration raises them too
-- while a rolling upgrade runs. The transition table contains only the rows the statement inserted: a
-- row skipped by ON CONFLICT DO NOTHING, as in a retried batch, adds nothing. The totals are locked
-- in workspace order, so two statements that share workspaces wait for each other instead of
-- deadlocking. A workspace whose calls cost nothing keeps its total and gets no mark.
CREATE FUNCTION gateway_usage_spend() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH totals AS (
        INSERT INTO gateway_workspace_spend AS total (workspace_id, spent_micros)
        SELECT workspace_id, sum(cost_micros)
        FROM stored_usage
        GROUP BY workspace_id
        HAVING sum(cost_micros) > 0
        ORDER BY workspace_id
        ON CONFLICT (workspace_id)
            DO UPDATE SET spent_micros = total.spent_micros + excluded.spent_micros
        RETURNING workspace_id, spent_micros
    )
    INSERT INTO gateway_spend_mark (workspace_id, spent_micros, stored_at)
    SELECT workspace_id, spent_micros, clock_timestamp() FROM totals;
    RETURN NULL;
END
$$;

CREATE TRIGGER gateway_usage_spend
    AFTER INSERT ON gateway_usage
    REFERENCING NEW TABLE AS stored_usage
    FOR EACH STATEMENT EXECUTE FUNCTION gateway_usage_spend();
