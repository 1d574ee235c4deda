package dev.roberto.events;

/** What a workspace may do, as billing decides it. */
public record Entitlements(boolean provision, boolean start, boolean gateway, boolean webhooks) {

  public static Entitlements none() {
    return new Entitlements(false, false, false, false);
  }
}
