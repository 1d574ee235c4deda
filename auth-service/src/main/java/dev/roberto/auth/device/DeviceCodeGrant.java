package dev.roberto.auth.device;

import dev.roberto.auth.token.GrantHandler;
import dev.roberto.auth.token.IssuedTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The RFC 8628 device code grant at {@code /oauth2/token}: the same polling rules as the JSON
 * endpoint, with the RFC error names and {@code interval} in the error body.
 */
@ApplicationScoped
public class DeviceCodeGrant implements GrantHandler {

  public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

  private final DeviceLoginService deviceLogin;

  public DeviceCodeGrant(DeviceLoginService deviceLogin) {
    this.deviceLogin = deviceLogin;
  }

  @Override
  public String grantType() {
    return GRANT_TYPE;
  }

  @Override
  public Uni<IssuedTokens> exchange(MultivaluedMap<String, String> form) {
    return deviceLogin.redeem(form.getFirst("device_code"), "device_code");
  }
}
