-- Local accounts, workspaces and the role of each account in each workspace.
CREATE TABLE user_account (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL UNIQUE,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE workspace (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE membership (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspace (id),
    user_id      uuid        NOT NULL REFERENCES user_account (id),
    role         text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at   timestamptz NOT NULL,
    UNIQUE (workspace_id, user_id)
);

CREATE INDEX membership_user_idx ON membership (user_id);
