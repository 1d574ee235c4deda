-- Device-code login (RFC 8628), the web app's sign-in sessions, and the wrong-user-code limit.
-- Every secret is stored as the hex SHA-256 of its value, never in plain text.

CREATE TABLE device_authorization (
    id                UUID        PRIMARY KEY,
    device_code_hash  CHAR(64)    NOT NULL UNIQUE,
    user_code_hash    CHAR(64)    NOT NULL UNIQUE,
    client            VARCHAR(40) NOT NULL,
    -- pending, approved, denied or redeemed
    status            VARCHAR(20) NOT NULL,
    interval_seconds  INTEGER     NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    last_polled_at    TIMESTAMPTZ,
    last_poll_outcome VARCHAR(30),
    -- hash of the web session that entered the user code; only it may approve or deny
    confirming_session CHAR(64),
    user_id           UUID,
    workspace_id      UUID,
    decided_at        TIMESTAMPTZ
);

CREATE INDEX device_authorization_expires_at ON device_authorization (expires_at);

CREATE TABLE web_session (
    id_hash      CHAR(64)     PRIMARY KEY,
    user_id      UUID         NOT NULL,
    email        VARCHAR(320) NOT NULL,
    display_name VARCHAR(200),
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX web_session_expires_at ON web_session (expires_at);

-- Wrong user codes counted per key ('session:<hash>' or 'address:<ip>') in a fixed window.
CREATE TABLE user_code_failure (
    limit_key         VARCHAR(120) PRIMARY KEY,
    window_started_at TIMESTAMPTZ  NOT NULL,
    failures          INTEGER      NOT NULL
);
