package dev.roberto.common.outbox;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A test profile that moves the relay's first sweep an hour out, so only a commit starts it. */
public class RelaySweepOff implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("roberto.outbox.relay-delay", "1h", "roberto.outbox.relay-interval", "1h");
  }
}
