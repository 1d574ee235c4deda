package dev.roberto.auth.account;

import java.util.UUID;

/** A member of a workspace as the member list shows it. */
public record Member(UUID userId, String email, String displayName, Role role) {

  /** Used by the member-list query, which reads the role as its stored text. */
  public Member(UUID userId, String email, String displayName, String role) {
    this(userId, email, displayName, Role.fromClaim(role));
  }
}
