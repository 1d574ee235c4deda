package dev.roberto.auth.client;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.crypto.Secrets;
import dev.roberto.auth.token.AccessTokens;
import dev.roberto.auth.token.GrantHandler;
import dev.roberto.auth.token.IssuedTokens;
import dev.roberto.auth.token.OAuthErrors;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HexFormat;

/**
 * The {@code client_credentials} grant of RFC 6749 section 4.4, for runtimes (credentials in the
 * database) and services (client ids and secret hashes in {@code roberto.auth.service-clients}).
 * Every failed authentication gets the same {@code invalid_client}, so a caller cannot tell an
 * unknown client from a wrong secret.
 */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {

  private final RuntimeCredentials runtimeCredentials;
  private final AccessTokens accessTokens;
  private final AuthConfig config;

  public ClientCredentialsGrant(
      RuntimeCredentials runtimeCredentials, AccessTokens accessTokens, AuthConfig config) {
    this.runtimeCredentials = runtimeCredentials;
    this.accessTokens = accessTokens;
    this.config = config;
  }

  @Override
  public String grantType() {
    return "client_credentials";
  }

  @Override
  public Uni<IssuedTokens> exchange(MultivaluedMap<String, String> form) {
    String clientId = form.getFirst("client_id");
    String secret = form.getFirst("client_secret");
    if (clientId == null || clientId.isBlank() || secret == null || secret.isEmpty()) {
      return Uni.createFrom()
          .failure(OAuthErrors.invalidClient("client_id and client_secret are required."));
    }
    AuthConfig.ServiceClient service = config.serviceClients().get(clientId);
    Uni<String> accessToken =
        service != null ? serviceToken(clientId, service, secret) : runtimeToken(clientId, secret);
    return accessToken.map(token -> new IssuedTokens(token, null, accessTokens.lifetimeSeconds()));
  }

  private Uni<String> serviceToken(
      String clientId, AuthConfig.ServiceClient client, String secret) {
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(client.secretSha256().strip());
    } catch (IllegalArgumentException e) {
      Log.errorf("roberto.auth.service-clients.%s.secret-sha256 is not hex", clientId);
      return Uni.createFrom().failure(authenticationFailed(clientId));
    }
    if (!Secrets.hashesEqual(expected, Secrets.sha256(secret))) {
      return Uni.createFrom().failure(authenticationFailed(clientId));
    }
    return accessTokens.forService(clientId);
  }

  private Uni<String> runtimeToken(String clientId, String secret) {
    return runtimeCredentials
        .authenticate(clientId, secret)
        .chain(
            credential -> {
              if (credential == null) {
                return Uni.createFrom().failure(authenticationFailed(clientId));
              }
              return accessTokens.forRuntime(
                  credential.clientId, credential.runtimeId, credential.workspaceId);
            });
  }

  private static RuntimeException authenticationFailed(String clientId) {
    Log.debugf("Client authentication failed for client %s", clientId);
    return OAuthErrors.invalidClient("Client authentication failed.");
  }
}
