package dev.roberto.webhook.usage;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.webhook.config.WebhookConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rejects usage deliveries larger than {@code roberto.webhook.usage.max-body-size} with 413: by
 * their Content-Length before the body is read, and by the bytes received when no length was sent.
 */
public class BodySizeLimit {

  static final String PAYLOAD_TOO_LARGE = "payload_too_large";

  private final WebhookConfig config;

  public BodySizeLimit(WebhookConfig config) {
    this.config = config;
  }

  @ServerRequestFilter(preMatching = true)
  public void checkDeclaredLength(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().equals(UsageResource.PATH)) {
      return;
    }
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && declared.matches("[0-9]{1,18}")) {
      check(Long.parseLong(declared), config.usage().maxBodySize().asLongValue());
    }
  }

  static void check(long length, long max) {
    if (length > max) {
      throw new ProblemException(
          413,
          PAYLOAD_TOO_LARGE,
          "Payload too large",
          "The body has " + length + " bytes; at most " + max + " are accepted.",
          "Send one usage report per delivery, with shorter metadata.");
    }
  }
}
