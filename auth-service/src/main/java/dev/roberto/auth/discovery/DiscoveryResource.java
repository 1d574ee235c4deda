package dev.roberto.auth.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.token.GrantHandlers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Provider metadata that quarkus-oidc in the other services reads, and Roberto's own
 * discovery document. The latter lists every service's URL, so the CLI, the MCP server and runtimes
 * need only the control plane URL.
 */
@Path("/.well-known")
public class DiscoveryResource {

  private final AuthConfig auth;
  private final DiscoveryConfig services;
  private final GrantHandlers grantHandlers;

  public DiscoveryResource(AuthConfig auth, DiscoveryConfig services, GrantHandlers grantHandlers) {
    this.auth = auth;
    this.services = services;
    this.grantHandlers = grantHandlers;
  }

  @GET
  @Path("/openid-configuration")
  public OpenIdConfiguration openIdConfiguration() {
    String issuer = trimSlash(auth.issuer());
    return new OpenIdConfiguration(
        issuer,
        issuer + "/oauth2/jwks",
        issuer + "/oauth2/token",
        issuer + "/oauth2/device_authorization",
        grantHandlers.grantTypes(),
        List.of("client_secret_basic", "client_secret_post", "none"),
        List.of("RS256"),
        List.of("public"),
        List.of("none"),
        List.of("sub", "iss", "aud", "exp", "iat", "jti", "email", "workspace", "roles", "client"));
  }

  @GET
  @Path("/roberto")
  public ControlPlane controlPlane() {
    String authUrl = trimSlash(auth.issuer());
    return new ControlPlane(authUrl, authUrl, orderedServices(authUrl));
  }

  private Map<String, String> orderedServices(String authUrl) {
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("auth", authUrl);
    urls.put("billing", trimSlash(services.billingUrl()));
    urls.put("runtime", trimSlash(services.runtimeUrl()));
    urls.put("gateway", trimSlash(services.gatewayUrl()));
    urls.put("webhook", trimSlash(services.webhookUrl()));
    return urls;
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** OpenID Connect Discovery 1.0 provider metadata, with snake_case member names. */
  public record OpenIdConfiguration(
      String issuer,
      @JsonProperty("jwks_uri") String jwksUri,
      @JsonProperty("token_endpoint") String tokenEndpoint,
      @JsonProperty("device_authorization_endpoint") String deviceAuthorizationEndpoint,
      @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
      @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethods,
      @JsonProperty("id_token_signing_alg_values_supported") List<String> signingAlgorithms,
      @JsonProperty("subject_types_supported") List<String> subjectTypes,
      @JsonProperty("response_types_supported") List<String> responseTypes,
      @JsonProperty("claims_supported") List<String> claimsSupported) {}

  /**
   * Roberto's discovery document.
   *
   * @param controlPlaneUrl the URL a user gives the CLI; tokens are bound to it
   * @param services public base URL of each service by short name
   */
  public record ControlPlane(String controlPlaneUrl, String issuer, Map<String, String> services) {}
}
