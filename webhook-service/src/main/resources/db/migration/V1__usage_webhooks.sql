-- Usage deliveries accepted from webhooks, the signing secrets that authenticate them, the
-- idempotency keys that make retries count once, and each workspace's signature setting.

CREATE TABLE usage_record (
    event_id        VARCHAR(64)  PRIMARY KEY,
    agent_id        VARCHAR(64)  NOT NULL,
    workspace_id    VARCHAR(64)  NOT NULL,
    input_tokens    BIGINT       NOT NULL,
    output_tokens   BIGINT       NOT NULL,
    cached_tokens   BIGINT       NOT NULL,
    cost_micros     BIGINT,
    latency_millis  BIGINT,
    provider        VARCHAR(100),
    model           VARCHAR(200) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    metadata        TEXT,
    idempotency_key VARCHAR(255),
    received_at     TIMESTAMPTZ  NOT NULL
);

CREATE INDEX usage_record_agent ON usage_record (agent_id, received_at);

CREATE TABLE idempotency_record (
    agent_id        VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    body_sha256     VARCHAR(64)  NOT NULL,
    response_status INTEGER      NOT NULL,
    response_body   TEXT         NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (agent_id, idempotency_key)
);

CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);

CREATE TABLE signing_secret (
    secret_id        VARCHAR(64)  PRIMARY KEY,
    agent_id         VARCHAR(64)  NOT NULL,
    workspace_id     VARCHAR(64)  NOT NULL,
    prefix           VARCHAR(32)  NOT NULL,
    -- AES-256-GCM: a 12-byte nonce followed by the ciphertext and its tag.
    encrypted_secret BYTEA        NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    created_by       VARCHAR(200),
    expires_at       TIMESTAMPTZ,
    revoked_at       TIMESTAMPTZ,
    replaced_by      VARCHAR(64)
);

CREATE INDEX signing_secret_agent ON signing_secret (agent_id);

CREATE TABLE workspace_webhook_setting (
    workspace_id        VARCHAR(64) PRIMARY KEY,
    signatures_required BOOLEAN     NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    updated_by          VARCHAR(200)
);
