-- Agents: provisioned on a runtime of their workspace, started and stopped by the workspace's
-- people. A deleted agent keeps its row with state 'deleted', so its id is never reused and tables
-- that refer to it stay valid. Its name becomes free again.
CREATE TABLE agent (
    id           UUID         PRIMARY KEY,
    workspace_id UUID         NOT NULL,
    runtime_id   UUID         NOT NULL REFERENCES runtime (id),
    name         VARCHAR(100) NOT NULL,
    channel      VARCHAR(40)  NOT NULL,
    state        VARCHAR(20)  NOT NULL,
    -- Grows by one with every change and is published in agent-changed.
    version      BIGINT       NOT NULL,
    created_by   VARCHAR(100) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT agent_state_known CHECK (state IN ('stopped', 'running', 'deleted'))
);

CREATE UNIQUE INDEX agent_name_unique_in_workspace ON agent (workspace_id, name)
    WHERE state <> 'deleted';
CREATE INDEX agent_runtime ON agent (runtime_id);
