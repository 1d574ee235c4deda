package dev.roberto.auth.web;

import java.util.UUID;

/**
 * A signed-in browser. {@code key} is the stored hash of the session cookie, safe to use as a
 * rate-limit key; the cookie value itself is never kept.
 */
public record WebSession(String key, UUID userId, String email, String displayName) {

  /** Returns the display name, or the email when the account has none. */
  public String name() {
    return displayName == null || displayName.isBlank() ? email : displayName;
  }
}
