package dev.roberto.auth.device;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.token.IssuedTokens;
import dev.roberto.auth.token.TokenIssuer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The device-code login of RFC 8628: starts a login, handles the client's polls, and issues the
 * tokens once the person approved. The web pages record the approval through {@link
 * DeviceApprovals}.
 */
@ApplicationScoped
public class DeviceLoginService {

  /** Path of the web page where a person enters the user code. */
  public static final String VERIFICATION_PATH = "/device";

  private final DeviceAuthorizations authorizations;
  private final TokenIssuer tokenIssuer;
  private final DeviceConfig config;
  private final AuthConfig authConfig;

  public DeviceLoginService(
      DeviceAuthorizations authorizations,
      TokenIssuer tokenIssuer,
      DeviceConfig config,
      AuthConfig authConfig) {
    this.authorizations = authorizations;
    this.tokenIssuer = tokenIssuer;
    this.config = config;
    this.authConfig = authConfig;
  }

  /** Starts a login for the client and returns the codes to hand to it. */
  public Uni<DeviceCodeIssued> start(DeviceClient client) {
    String deviceCode = Secrets.newSecret();
    String userCode = UserCodes.generate();
    UUID id = UUID.randomUUID();
    long lifetime = config.codeLifetime().toSeconds();

    return Panache.withTransaction(
            () ->
                authorizations.insert(
                    id,
                    Secrets.sha256(deviceCode),
                    Secrets.sha256(userCode),
                    client,
                    config.intervalSeconds(),
                    lifetime))
        .invoke(() -> Log.infof("Device login %s started for client %s", id, client.id()))
        .map(
            ignored ->
                new DeviceCodeIssued(
                    deviceCode,
                    UserCodes.display(userCode),
                    verificationUri(),
                    verificationUri()
                        + "?user_code="
                        + URLEncoder.encode(UserCodes.display(userCode), StandardCharsets.UTF_8),
                    lifetime,
                    config.intervalSeconds()));
  }

  /**
   * Handles one poll and returns the tokens once the login is approved, else fails with a problem
   * whose code is the RFC 8628 error. {@code field} names the request field in the problem for a
   * missing code.
   */
  public Uni<IssuedTokens> redeem(String deviceCode, String field) {
    if (deviceCode == null || deviceCode.isBlank()) {
      return Uni.createFrom().failure(DeviceProblems.missingDeviceCode(field));
    }
    String hash = Secrets.sha256(deviceCode.trim());

    // The poll's bookkeeping (last poll, grown interval) must commit even when the response is an
    // error, so the transaction returns the outcome and the error is raised after it.
    return Panache.withTransaction(
            () ->
                authorizations
                    .poll(hash)
                    .chain(
                        outcome ->
                            outcome.isPresent() && outcome.get().redeemed()
                                ? issue(outcome.get()).map(PollResult::tokens)
                                : Uni.createFrom()
                                    .item(
                                        PollResult.failed(
                                            outcome.map(this::problemFor).orElse(null)))))
        .map(PollResult::tokensOrThrow);
  }

  /** Returns the control plane URL, which the approval page shows: the token issuer. */
  public String controlPlaneUrl() {
    return stripTrailingSlash(authConfig.issuer());
  }

  public String verificationUri() {
    return controlPlaneUrl() + VERIFICATION_PATH;
  }

  @Scheduled(identity = "device-login-purge", every = "1h", delayed = "5m")
  Uni<Void> purgeExpired() {
    return Panache.withTransaction(authorizations::purgeExpired)
        .invoke(count -> Log.debugf("Purged %d expired device logins", count))
        .replaceWithVoid();
  }

  private Uni<IssuedTokens> issue(DeviceAuthorizations.PollOutcome outcome) {
    return tokenIssuer
        .issueForUser(outcome.userId(), outcome.workspaceId(), outcome.client().id())
        .invoke(
            () ->
                Log.infof(
                    "Device login redeemed by client %s for user %s in workspace %s",
                    outcome.client().id(), outcome.userId(), outcome.workspaceId()));
  }

  private RuntimeException problemFor(DeviceAuthorizations.PollOutcome outcome) {
    return switch (outcome.outcome()) {
      case DeviceProblems.AUTHORIZATION_PENDING ->
          DeviceProblems.pending(verificationUri(), outcome.intervalSeconds());
      case DeviceProblems.SLOW_DOWN -> DeviceProblems.slowDown(outcome.intervalSeconds());
      case DeviceProblems.EXPIRED_TOKEN -> DeviceProblems.expired();
      case DeviceProblems.ACCESS_DENIED -> DeviceProblems.denied();
      default -> DeviceProblems.invalidGrant();
    };
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Tokens, or the problem to raise once the poll's transaction has committed. */
  private record PollResult(IssuedTokens issued, RuntimeException problem) {

    static PollResult tokens(IssuedTokens issued) {
      return new PollResult(issued, null);
    }

    static PollResult failed(RuntimeException problem) {
      return new PollResult(null, problem == null ? DeviceProblems.invalidGrant() : problem);
    }

    IssuedTokens tokensOrThrow() {
      if (problem != null) {
        throw problem;
      }
      return issued;
    }
  }
}
