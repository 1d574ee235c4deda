-- Per-agent model allow-lists: an agent with rows here may use only those models; an agent without
-- rows may use every configured model.

CREATE TABLE gateway_allowed_model (
    agent_id     VARCHAR(64)  NOT NULL,
    model        VARCHAR(200) NOT NULL,
    workspace_id VARCHAR(64)  NOT NULL,
    allowed_at   TIMESTAMPTZ  NOT NULL,
    allowed_by   VARCHAR(200),
    PRIMARY KEY (agent_id, model)
);
