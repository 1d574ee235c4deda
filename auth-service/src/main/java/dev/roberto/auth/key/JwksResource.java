package dev.roberto.auth.key;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The JWK set of every published signing key, for the services that verify access tokens. */
@Path("/oauth2/jwks")
public class JwksResource {

  static final String JWK_SET_TYPE = "application/jwk-set+json";

  private final KeyRing keyRing;

  public JwksResource(KeyRing keyRing) {
    this.keyRing = keyRing;
  }

  /** Served as {@code application/json} unless the client asks for {@code jwk-set+json}. */
  @GET
  public Uni<Response> jwks(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
    String type =
        accept != null && accept.contains(JWK_SET_TYPE) ? JWK_SET_TYPE : "application/json";
    // Verifiers may cache briefly: a next key is published a whole rotation period before use.
    return keyRing
        .jwksJson()
        .map(
            json ->
                Response.ok(json, type).header(HttpHeaders.CACHE_CONTROL, "max-age=60").build());
  }
}
