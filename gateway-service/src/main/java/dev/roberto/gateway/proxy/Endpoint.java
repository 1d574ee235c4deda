package dev.roberto.gateway.proxy;

import dev.roberto.gateway.config.GatewayConfig.Kind;
import io.vertx.core.http.HttpMethod;

/** The provider API operations the gateway offers, under {@code /api/gateway[/agents/ID]}. */
public enum Endpoint {
  CHAT_COMPLETIONS(HttpMethod.POST, "/v1/chat/completions", Kind.OPENAI),
  EMBEDDINGS(HttpMethod.POST, "/v1/embeddings", Kind.OPENAI),
  MESSAGES(HttpMethod.POST, "/v1/messages", Kind.ANTHROPIC),
  MODELS(HttpMethod.GET, "/v1/models", null);

  private final HttpMethod method;
  private final String path;
  private final Kind kind;

  Endpoint(HttpMethod method, String path, Kind kind) {
    this.method = method;
    this.path = path;
    this.kind = kind;
  }

  public HttpMethod method() {
    return method;
  }

  /** The path below the base URL, the same at the gateway and at the provider. */
  public String path() {
    return path;
  }

  /** The API of the providers that serve it, or null for the model list. */
  public Kind kind() {
    return kind;
  }
}
