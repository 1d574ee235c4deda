package dev.roberto.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.client.login.DeviceCode;
import dev.roberto.client.store.AuthStore;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LoginExpiryTest {

  @TempDir Path configHome;

  @Test
  @Timeout(60)
  void expiredCodeStopsPollingWithHint() {
    MovableClock clock = new MovableClock();
    List<Duration> waits = new ArrayList<>();
    RobertoClient client =
        RobertoClient.builder(AuthServiceProcess.shared().url())
            .store(new AuthStore(configHome.resolve("roberto")))
            .clock(clock)
            .sleeper(waits::add)
            .build();
    DeviceCode code = client.startLogin();

    clock.advance(Duration.between(clock.instant(), code.expiresAt()));
    AuthenticationException expired =
        assertThrows(AuthenticationException.class, () -> client.finishLogin(code));

    assertEquals("expired_token", expired.code());
    assertTrue(expired.hint().contains("roberto auth login"), expired.hint());
    assertEquals(List.of(), waits, "no poll after the code expired");
    assertFalse(client.storedLogin().isPresent());
  }

  /** A clock that tests move forward by hand. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
