-- Failed password sign-ins per account and per client address, counted in a fixed window so that
-- the limit applies across replicas.

CREATE TABLE password_failure (
    limit_key         VARCHAR(120) PRIMARY KEY,
    window_started_at TIMESTAMPTZ  NOT NULL,
    failures          INTEGER      NOT NULL
);
