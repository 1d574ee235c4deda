-- Gateway tokens of agents (only their SHA-256 is kept) and the usage of every gateway call.

CREATE TABLE gateway_credential (
    credential_id VARCHAR(64)  PRIMARY KEY,
    agent_id      VARCHAR(64)  NOT NULL,
    workspace_id  VARCHAR(64)  NOT NULL,
    token_sha256  VARCHAR(64)  NOT NULL UNIQUE,
    prefix        VARCHAR(32)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(200),
    last_used_at  TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    replaced_by   VARCHAR(64)
);

CREATE INDEX gateway_credential_agent ON gateway_credential (agent_id, created_at);

CREATE TABLE gateway_usage (
    event_id       VARCHAR(64)  PRIMARY KEY,
    agent_id       VARCHAR(64)  NOT NULL,
    workspace_id   VARCHAR(64)  NOT NULL,
    provider       VARCHAR(100) NOT NULL,
    model          VARCHAR(200) NOT NULL,
    input_tokens   BIGINT       NOT NULL,
    output_tokens  BIGINT       NOT NULL,
    cached_tokens  BIGINT       NOT NULL,
    cost_micros    BIGINT       NOT NULL,
    latency_millis BIGINT       NOT NULL,
    estimated      BOOLEAN      NOT NULL,
    outcome        VARCHAR(32)  NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX gateway_usage_workspace ON gateway_usage (workspace_id, recorded_at);
