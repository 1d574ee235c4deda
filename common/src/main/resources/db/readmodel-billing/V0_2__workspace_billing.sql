-- The newest billing-synced snapshot per workspace, for services that act on entitlements.

CREATE TABLE workspace_billing (
    workspace_id          VARCHAR(64) PRIMARY KEY,
    version               BIGINT      NOT NULL,
    may_provision         BOOLEAN     NOT NULL,
    may_start             BOOLEAN     NOT NULL,
    may_use_gateway       BOOLEAN     NOT NULL,
    may_send_webhooks     BOOLEAN     NOT NULL,
    credit_balance_micros BIGINT      NOT NULL,
    subscription_status   VARCHAR(40),
    plan                  VARCHAR(100),
    synced_at             TIMESTAMPTZ NOT NULL
);
