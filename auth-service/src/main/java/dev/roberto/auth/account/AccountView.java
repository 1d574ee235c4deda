package dev.roberto.auth.account;

import java.util.UUID;

/** An account as other features see it: never with its password hash. */
public record AccountView(UUID userId, String email, String displayName) {}
