-- The client id of the credential that auth-service issued when the runtime was registered.
-- Runtimes registered before registration requested a credential keep NULL.
ALTER TABLE runtime ADD COLUMN credential_client_id VARCHAR(64);
