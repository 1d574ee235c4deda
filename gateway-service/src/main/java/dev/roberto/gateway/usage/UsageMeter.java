package dev.roberto.gateway.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts of one call, as the provider reports them, or, when it reports none, an estimate
 * from the size of the request and of the text streamed back.
 */
public class UsageMeter {

  private static final int CHARACTERS_PER_TOKEN = 4;

  private final long requestBytes;
  private long inputTokens;
  private long outputTokens;
  private long cachedTokens;
  private boolean inputReported;
  private boolean outputReported;
  private long streamedCharacters;

  public UsageMeter(long requestBytes) {
    this.requestBytes = requestBytes;
  }

  /** Reads an OpenAI {@code usage} object (chat completions and embeddings). */
  public void openAiUsage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return;
    }
    inputTokens = usage.path("prompt_tokens").asLong(0);
    outputTokens = usage.path("completion_tokens").asLong(0);
    cachedTokens = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    inputReported = true;
    outputReported = true;
  }

  /**
   * Reads an Anthropic {@code usage} object. Anthropic counts cache reads and writes apart from
   * {@code input_tokens}; here input includes them, and cached holds the reads.
   */
  public void anthropicUsage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return;
    }
    if (usage.has("input_tokens")) {
      long cacheRead = usage.path("cache_read_input_tokens").asLong(0);
      long cacheWrite = usage.path("cache_creation_input_tokens").asLong(0);
      inputTokens = usage.path("input_tokens").asLong(0) + cacheRead + cacheWrite;
      cachedTokens = cacheRead;
      inputReported = true;
    }
    if (usage.has("output_tokens")) {
      outputTokens = usage.path("output_tokens").asLong(0);
      outputReported = true;
    }
  }

  /** Counts text streamed back, for the estimate. */
  public void streamed(String text) {
    if (text != null) {
      streamedCharacters += text.length();
    }
  }

  public boolean estimated() {
    return !inputReported || !outputReported;
  }

  public long inputTokens() {
    return inputReported
        ? inputTokens
        : (requestBytes + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
  }

  public long outputTokens() {
    return outputReported
        ? outputTokens
        : (streamedCharacters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
  }

  public long cachedTokens() {
    return inputReported ? cachedTokens : 0;
  }
}
