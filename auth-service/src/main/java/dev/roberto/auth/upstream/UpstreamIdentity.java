package dev.roberto.auth.upstream;

/**
 * A person as the upstream provider identifies them, from its ID token.
 *
 * @param issuer the provider's {@code iss}
 * @param subject the provider's {@code sub}, stable for the person at that provider
 * @param email the {@code email} claim, or null
 * @param emailVerified false only when the provider sent {@code email_verified: false}
 * @param displayName the {@code name} claim, else {@code preferred_username}, else null
 */
public record UpstreamIdentity(
    String issuer, String subject, String email, boolean emailVerified, String displayName) {}
