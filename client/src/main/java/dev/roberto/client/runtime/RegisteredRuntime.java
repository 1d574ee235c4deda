package dev.roberto.client.runtime;

/** The response to a registration: the runtime and its credential, whose secret is shown once. */
public record RegisteredRuntime(
    String id,
    String workspaceId,
    String name,
    String registeredAt,
    String credentialClientId,
    RuntimeCredential credential) {

  /** Returns the runtime without its credential. */
  public RuntimeInfo runtime() {
    return new RuntimeInfo(id, workspaceId, name, registeredAt, credentialClientId);
  }
}
