package dev.roberto.auth.token;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * One OAuth 2.0 grant type of {@code POST /oauth2/token}. Implementations are CDI beans; the token
 * endpoint dispatches to the one whose {@link #grantType()} equals the form's {@code grant_type},
 * and discovery lists every registered type.
 *
 * <p>A handler opens its own transaction. It signals an OAuth error by throwing {@link
 * dev.roberto.common.problem.ProblemException} whose {@code code} is the RFC 6749 error name (such
 * as {@code invalid_grant}) and whose status is the HTTP status to return; its detail becomes
 * {@code error_description} and its extensions (such as {@code interval}) become members of the
 * error body.
 */
public interface GrantHandler {

  /** The {@code grant_type} value this handler serves, such as {@code refresh_token}. */
  String grantType();

  /**
   * Exchanges the form for tokens. The form carries {@code client_id} and {@code client_secret}
   * also when the client sent them in an HTTP Basic {@code Authorization} header.
   */
  Uni<IssuedTokens> exchange(MultivaluedMap<String, String> form);
}
