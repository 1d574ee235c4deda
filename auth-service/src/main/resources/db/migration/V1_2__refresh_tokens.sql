-- Refresh tokens, stored as SHA-256 hashes and grouped in families: one family per sign-in.
CREATE TABLE refresh_family (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES user_account (id),
    workspace_id   uuid        NOT NULL REFERENCES workspace (id),
    client_name    text        NOT NULL,
    created_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text
);

CREATE INDEX refresh_family_user_idx ON refresh_family (user_id);

CREATE TABLE refresh_token (
    -- Hex SHA-256 of the token.
    token_hash       text PRIMARY KEY,
    family_id        uuid        NOT NULL REFERENCES refresh_family (id),
    issued_at        timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    rotated_at       timestamptz,
    -- The pair issued when this token was rotated, encrypted under a key derived from this token.
    successor_sealed bytea
);

CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
