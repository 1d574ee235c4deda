-- The credit check of a priced call needs what the workspace spent through the gateway since its
-- last billing snapshot. Summing gateway_usage for that read every row since the snapshot, a cost
-- that grew with each call. Now each transaction that stores usage adds its cost to the
-- workspace's running total and keeps a mark of the total it reached. The check reads the total
-- now and the last mark at or before the snapshot: two index lookups, however many calls there were.

CREATE TABLE gateway_workspace_spend (
    workspace_id VARCHAR(64) PRIMARY KEY,
    spent_micros BIGINT      NOT NULL
);

-- One row per transaction and workspace that stored a cost. The total only grows, so it is unique
-- within a workspace. stored_at is taken while the transaction has the workspace's total row locked,
-- so the marks of one workspace are in the order of their totals.
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
