package dev.roberto.security;

/** Role names as access tokens carry them in their {@code roles} claim. */
public final class Roles {

  public static final String OWNER = "owner";
  public static final String ADMIN = "admin";
  public static final String MEMBER = "member";
  public static final String RUNTIME = "runtime";
  public static final String SERVICE = "service";

  private Roles() {}
}
