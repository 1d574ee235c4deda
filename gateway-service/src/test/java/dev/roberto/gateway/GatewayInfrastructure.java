package dev.roberto.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roberto.testsupport.RobertoInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The shared real PostgreSQL and Kafka, plus three WireMock servers on loopback that play the LLM
 * providers: {@link #openAi()}, {@link #openAiBackup()} and {@link #anthropic()}. One more provider
 * points at a closed port.
 */
public class GatewayInfrastructure extends RobertoInfrastructure {

  static final String CHAT_MODEL = "gpt-test";
  static final String EMBEDDING_MODEL = "embed-test";
  static final String FALLBACK_MODEL = "fallback-test";
  static final String CLAUDE_MODEL = "claude-test";
  static final String DEAD_MODEL = "dead-test";
  static final String FRAGILE_MODEL = "fragile-test";

  private static WireMockServer openAi;
  private static WireMockServer openAiBackup;
  private static WireMockServer anthropic;

  static synchronized WireMockServer openAi() {
    return openAi;
  }

  static synchronized WireMockServer openAiBackup() {
    return openAiBackup;
  }

  static synchronized WireMockServer anthropic() {
    return anthropic;
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = super.start();
    synchronized (GatewayInfrastructure.class) {
      if (openAi == null) {
        openAi = startProvider();
        openAiBackup = startProvider();
        anthropic = startProvider();
      }
    }
    provider(config, "primary", "openai", openAi.baseUrl(), 1, CHAT_MODEL, EMBEDDING_MODEL);
    config.put("roberto.gateway.providers.primary.models[2]", FALLBACK_MODEL);
    provider(config, "backup", "openai", openAiBackup.baseUrl(), 2, FALLBACK_MODEL);
    provider(config, "claude", "anthropic", anthropic.baseUrl(), 1, CLAUDE_MODEL);
    provider(config, "fragile", "openai", openAiBackup.baseUrl(), 1, FRAGILE_MODEL);
    provider(config, "dead", "openai", "http://127.0.0.1:" + closedPort(), 1, DEAD_MODEL);
    config.put("roberto.gateway.providers.primary.api-key", "sk-upstream-primary");
    config.put("roberto.gateway.prices.gpt-test.input-per-million", "2000000");
    config.put("roberto.gateway.prices.gpt-test.output-per-million", "8000000");
    config.put("roberto.gateway.prices.claude-test.input-per-million", "3000000");
    config.put("roberto.gateway.prices.claude-test.output-per-million", "15000000");
    config.put("roberto.gateway.retries.initial-backoff", "PT0.05S");
    config.put("roberto.gateway.retries.max-backoff", "PT0.1S");
    config.put("roberto.gateway.timeouts.first-byte", "PT3S");
    config.put("roberto.gateway.timeouts.chunk-gap", "PT3S");
    config.put("roberto.gateway.limits.requests-per-minute", "120");
    return config;
  }

  private static void provider(
      Map<String, String> config,
      String name,
      String kind,
      String baseUrl,
      int priority,
      String... models) {
    String prefix = "roberto.gateway.providers." + name + ".";
    config.put(prefix + "kind", kind);
    config.put(prefix + "base-url", baseUrl);
    config.put(prefix + "priority", Integer.toString(priority));
    for (int i = 0; i < models.length; i++) {
      config.put(prefix + "models[" + i + "]", models[i]);
    }
  }

  private static WireMockServer startProvider() {
    WireMockServer server =
        new WireMockServer(
            options().dynamicPort().bindAddress("127.0.0.1").asynchronousResponseEnabled(true));
    server.start();
    return server;
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port", e);
    }
  }
}
