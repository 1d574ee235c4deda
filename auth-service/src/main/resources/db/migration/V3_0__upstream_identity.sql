-- Links between local accounts and people at an upstream OpenID provider, keyed by the provider's
-- issuer and subject, so that an email change at the provider still finds the same account.
CREATE TABLE upstream_identity (
    issuer     text        NOT NULL,
    subject    text        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES user_account (id),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (issuer, subject)
);

CREATE INDEX upstream_identity_user_idx ON upstream_identity (user_id);
