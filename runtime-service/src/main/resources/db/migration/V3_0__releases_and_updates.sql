-- Releases of the runtime and agent software, per workspace, component and channel.
CREATE TABLE software_release (
    id              UUID PRIMARY KEY,
    workspace_id    UUID         NOT NULL,
    component       VARCHAR(20)  NOT NULL CHECK (component IN ('runtime', 'agent')),
    channel         VARCHAR(50)  NOT NULL,
    version         VARCHAR(100) NOT NULL,
    rollout_percent INTEGER      NOT NULL CHECK (rollout_percent BETWEEN 0 AND 100),
    notes           VARCHAR(2000),
    published_by    VARCHAR(100) NOT NULL,
    published_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT software_release_version_unique UNIQUE (workspace_id, component, channel, version)
);

-- The scripts a runtime runs, in position order, to install a release.
CREATE TABLE release_script (
    id         UUID PRIMARY KEY,
    release_id UUID         NOT NULL REFERENCES software_release (id) ON DELETE CASCADE,
    position   INTEGER      NOT NULL,
    name       VARCHAR(100) NOT NULL,
    sha256     CHAR(64)     NOT NULL,
    size_bytes BIGINT       NOT NULL,
    body       BYTEA        NOT NULL,
    CONSTRAINT release_script_name_unique UNIQUE (release_id, name),
    CONSTRAINT release_script_position_unique UNIQUE (release_id, position)
);

-- The result of one check-updates call of a runtime. The runtime's next check supersedes it.
CREATE TABLE update_decision (
    id            UUID PRIMARY KEY,
    workspace_id  UUID        NOT NULL,
    runtime_id    UUID        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    superseded_at TIMESTAMPTZ
);
CREATE INDEX update_decision_runtime ON update_decision (workspace_id, runtime_id)
    WHERE superseded_at IS NULL;
CREATE INDEX update_decision_expiry ON update_decision (expires_at);

-- One component of a decision: the runtime itself (agent_id NULL) or one agent it reported.
CREATE TABLE update_decision_item (
    id                UUID PRIMARY KEY,
    decision_id       UUID         NOT NULL REFERENCES update_decision (id) ON DELETE CASCADE,
    component         VARCHAR(20)  NOT NULL,
    agent_id          VARCHAR(100),
    channel           VARCHAR(50)  NOT NULL,
    current_version   VARCHAR(100) NOT NULL,
    target_version    VARCHAR(100) NOT NULL,
    release_id        UUID REFERENCES software_release (id),
    approval_required BOOLEAN      NOT NULL,
    rollback          BOOLEAN      NOT NULL
);
-- COALESCE makes the runtime's own item (agent_id NULL) unique too; PostgreSQL 14 has no
-- UNIQUE NULLS NOT DISTINCT.
CREATE UNIQUE INDEX update_decision_item_unique
    ON update_decision_item (decision_id, (COALESCE(agent_id, '')));

-- Grants that let one runtime apply one update; only the SHA-256 of the token is kept.
CREATE TABLE update_grant (
    id             UUID PRIMARY KEY,
    workspace_id   UUID         NOT NULL,
    token_sha256   CHAR(64)     NOT NULL UNIQUE,
    runtime_id     UUID         NOT NULL,
    agent_id       VARCHAR(100),
    channel        VARCHAR(50)  NOT NULL,
    target_version VARCHAR(100) NOT NULL,
    rollback       BOOLEAN      NOT NULL,
    issued_by      VARCHAR(100) NOT NULL,
    issued_at      TIMESTAMPTZ  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    used_at        TIMESTAMPTZ,
    used_decision  UUID
);
CREATE INDEX update_grant_runtime ON update_grant (workspace_id, runtime_id, issued_at DESC);

-- Update state per workspace, runtime and component as the runtime reported it: the last check
-- and the last apply.
CREATE TABLE update_state (
    id                   UUID PRIMARY KEY,
    workspace_id         UUID         NOT NULL,
    runtime_id           UUID         NOT NULL,
    agent_id             VARCHAR(100),
    channel              VARCHAR(50)  NOT NULL,
    current_version      VARCHAR(100) NOT NULL,
    target_version       VARCHAR(100) NOT NULL,
    state                VARCHAR(20)  NOT NULL,
    last_check_at        TIMESTAMPTZ  NOT NULL,
    last_decision_id     UUID         NOT NULL,
    apply_decision_id    UUID,
    apply_target_version VARCHAR(100),
    apply_grant_id       UUID,
    apply_started_at     TIMESTAMPTZ,
    apply_finished_at    TIMESTAMPTZ,
    last_error           VARCHAR(2000),
    updated_at           TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX update_state_unique
    ON update_state (workspace_id, runtime_id, (COALESCE(agent_id, '')));
CREATE INDEX update_state_agent ON update_state (workspace_id, agent_id);
