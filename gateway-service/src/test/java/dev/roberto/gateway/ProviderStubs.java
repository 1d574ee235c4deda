package dev.roberto.gateway;

/** Provider answers as the OpenAI and Anthropic APIs give them, for WireMock stubs. */
final class ProviderStubs {

  private ProviderStubs() {}

  static String chatCompletion(String model) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there."},
                     "finish_reason":"stop","logprobs":null}],
         "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,
                  "prompt_tokens_details":{"cached_tokens":2}}}
        """
        .formatted(model);
  }

  static String embeddings(String model) {
    return """
        {"object":"list","model":"%s",
         "data":[{"object":"embedding","index":0,"embedding":[0.1,0.2,0.3]}],
         "usage":{"prompt_tokens":7,"total_tokens":7}}
        """
        .formatted(model);
  }

  static String anthropicMessage(String model) {
    return """
        {"id":"msg_1","type":"message","role":"assistant","model":"%s",
         "content":[{"type":"text","text":"Hello there."}],
         "stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":20,"output_tokens":6}}
        """
        .formatted(model);
  }

  /** A streamed chat completion; the usage chunk only when {@code withUsage}. */
  static String chatStream(String model, boolean withUsage, boolean withDone) {
    String usageNull = withUsage ? ",\"usage\":null" : "";
    StringBuilder body = new StringBuilder();
    for (String piece : new String[] {"Hel", "lo ", "there."}) {
      body.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",")
          .append("\"created\":1700000000,\"model\":\"")
          .append(model)
          .append("\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
          .append(piece)
          .append("\"},\"finish_reason\":null}]")
          .append(usageNull)
          .append("}\n\n");
    }
    if (withUsage) {
      body.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",")
          .append("\"created\":1700000000,\"model\":\"")
          .append(model)
          .append("\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,")
          .append("\"total_tokens\":15}}\n\n");
    }
    if (withDone) {
      body.append("data: [DONE]\n\n");
    }
    return body.toString();
  }

  static String anthropicStream(String model) {
    return """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"%s","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello there."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}

        event: message_stop
        data: {"type":"message_stop"}

        """
        .formatted(model);
  }
}
