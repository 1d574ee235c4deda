-- RSA signing keys shared by every replica. A key is published while it is next, active, or
-- retired until publish_until; only the active key signs.
CREATE TABLE signing_key (
    kid            text PRIMARY KEY,
    state          text        NOT NULL CHECK (state IN ('next', 'active', 'retired')),
    public_jwk     text        NOT NULL,
    -- PKCS#8 private key, AES-256-GCM encrypted when a key-encryption key is configured.
    private_key    bytea       NOT NULL,
    encrypted      boolean     NOT NULL,
    created_at     timestamptz NOT NULL,
    activated_at   timestamptz,
    retired_at     timestamptz,
    publish_until  timestamptz
);

CREATE UNIQUE INDEX signing_key_one_active_idx ON signing_key (state) WHERE state = 'active';
