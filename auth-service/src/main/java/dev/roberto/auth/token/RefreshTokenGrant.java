package dev.roberto.auth.token;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/** The {@code refresh_token} grant of RFC 6749 section 6. */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {

  private final RefreshTokens refreshTokens;

  public RefreshTokenGrant(RefreshTokens refreshTokens) {
    this.refreshTokens = refreshTokens;
  }

  @Override
  public String grantType() {
    return "refresh_token";
  }

  @Override
  public Uni<IssuedTokens> exchange(MultivaluedMap<String, String> form) {
    return refreshTokens.refresh(form.getFirst("refresh_token"));
  }
}
