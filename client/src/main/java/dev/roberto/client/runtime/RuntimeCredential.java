package dev.roberto.client.runtime;

/**
 * A runtime's OAuth client credential, shown once at registration. The runtime host exchanges it at
 * the token endpoint for runtime access tokens. {@link #toString()} leaves the secret out.
 */
public record RuntimeCredential(String clientId, String clientSecret) {

  /** Environment variable the runtime-side commands read the client id from. */
  public static final String CLIENT_ID_VARIABLE = "ROBERTO_RUNTIME_CLIENT_ID";

  /** Environment variable the runtime-side commands read the client secret from. */
  public static final String CLIENT_SECRET_VARIABLE = "ROBERTO_RUNTIME_CLIENT_SECRET";

  @Override
  public String toString() {
    return "RuntimeCredential[clientId=" + clientId + "]";
  }
}
