-- The gateway replicas that are running. Each replica refreshes its row every heartbeat and deletes
-- it when it shuts down. Each agent's rate limit is split among the rows seen within the expiry.
-- seen_at comes from the database's clock, so the replicas' own clocks need not agree.

CREATE TABLE gateway_replica (
    id      VARCHAR(64) PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL
);
