package dev.roberto.runtime.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Puts the bearer token of the request being served into an outgoing REST client call, so that the
 * called service authenticates the same caller with the same roles. The token was already checked
 * by quarkus-oidc.
 */
@ApplicationScoped
public class CallerBearerToken implements ClientHeadersFactory {

  private final JsonWebToken token;

  public CallerBearerToken(JsonWebToken token) {
    this.token = token;
  }

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incomingHeaders,
      MultivaluedMap<String, String> clientOutgoingHeaders) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    String raw = token.getRawToken();
    if (raw != null) {
      headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + raw);
    }
    return headers;
  }
}
