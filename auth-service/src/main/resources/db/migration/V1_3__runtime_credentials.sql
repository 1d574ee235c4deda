-- Client credentials of runtimes; the secret is stored as a SHA-256 hash.
CREATE TABLE runtime_credential (
    client_id    text PRIMARY KEY,
    runtime_id   text        NOT NULL,
    workspace_id uuid        NOT NULL REFERENCES workspace (id),
    secret_hash  bytea       NOT NULL,
    created_by   uuid        NOT NULL REFERENCES user_account (id),
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

CREATE INDEX runtime_credential_workspace_idx ON runtime_credential (workspace_id);
