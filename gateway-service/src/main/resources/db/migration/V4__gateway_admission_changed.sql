-- Every replica keeps the tokens that admitted calls in memory and listens on the channel
-- gateway_admission_changed. A change to what admits a call notifies it at commit, and each replica
-- then drops the tokens it keeps: a revocation, a rotation's expiry, an agent's change or deletion,
-- and a workspace's new billing snapshot. A token's last use is noted without a notification.

CREATE FUNCTION gateway_admission_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gateway_admission_changed', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER gateway_credential_admission_changed
    AFTER UPDATE OF agent_id, workspace_id, token_sha256, expires_at, revoked_at OR DELETE OR TRUNCATE
    ON gateway_credential
    FOR EACH STATEMENT EXECUTE FUNCTION gateway_admission_changed();

CREATE TRIGGER known_agent_admission_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON known_agent
    FOR EACH STATEMENT EXECUTE FUNCTION gateway_admission_changed();

CREATE TRIGGER workspace_billing_admission_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workspace_billing
    FOR EACH STATEMENT EXECUTE FUNCTION gateway_admission_changed();
