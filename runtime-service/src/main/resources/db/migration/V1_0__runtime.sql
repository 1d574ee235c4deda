-- Runtimes: hosts that run agents and that the control plane does not own.
CREATE TABLE runtime (
    id            UUID PRIMARY KEY,
    workspace_id  UUID         NOT NULL,
    name          VARCHAR(100) NOT NULL,
    registered_by VARCHAR(100) NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT runtime_name_unique_in_workspace UNIQUE (workspace_id, name)
);
