package dev.roberto.auth.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Role of an account in a workspace; {@link #claim()} is the value in tokens and JSON. */
public enum Role {
  OWNER,
  ADMIN,
  MEMBER;

  /** Returns the lower-case name used in the {@code roles} claim, the database and JSON. */
  @JsonValue
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns true for owners and admins, who manage members and runtime credentials. */
  public boolean managesWorkspace() {
    return this == OWNER || this == ADMIN;
  }

  /** Parses a claim value such as {@code admin}; throws IllegalArgumentException if unknown. */
  @JsonCreator
  public static Role fromClaim(String value) {
    for (Role role : values()) {
      if (role.claim().equals(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException("Unknown role: " + value);
  }
}
