package dev.roberto.events;

/** Kafka topic names of Roberto's events. */
public final class Topics {

  /** Full entitlement snapshot of a workspace, keyed by workspace id; compacted. */
  public static final String BILLING_SYNCED = "billing-synced";

  /** One unit of usage, keyed by workspace id. */
  public static final String USAGE_RECORDED = "usage-recorded";

  /** An agent was created, renamed, moved or deleted, keyed by agent id; compacted. */
  public static final String AGENT_CHANGED = "agent-changed";

  /**
   * Suffix of the topic that receives events a consumer cannot read, such as an unknown major
   * version.
   */
  public static final String DEAD_LETTER_SUFFIX = ".dead-letter";

  private Topics() {}

  public static String deadLetter(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }
}
