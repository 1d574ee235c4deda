-- Agents as agent-changed describes them, for services that map an agent to its workspace.

CREATE TABLE known_agent (
    agent_id     VARCHAR(64)  PRIMARY KEY,
    workspace_id VARCHAR(64)  NOT NULL,
    runtime_id   VARCHAR(64),
    name         VARCHAR(200),
    state        VARCHAR(40),
    version      BIGINT       NOT NULL,
    deleted      BOOLEAN      NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX known_agent_workspace ON known_agent (workspace_id);
