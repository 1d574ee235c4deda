package dev.roberto.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roberto.client.login.DeviceCode;
import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import dev.roberto.testsupport.auth.AuthServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device login against the real auth-service. */
class DeviceLoginTest {

  @TempDir Path configHome;

  @Test
  void slowDownAddsFiveSecondsEachTime() {
    List<Duration> waits = new ArrayList<>();
    DeviceCode[] started = new DeviceCode[1];
    // The sleeper skips the first three waits, so the second and third poll come too soon and each
    // get slow_down. It approves the login and really sleeps the fourth wait.
    RobertoClient client =
        client()
            .sleeper(
                duration -> {
                  waits.add(duration);
                  if (waits.size() == 4) {
                    Approvals.approveAsOwner(started[0]);
                    Thread.sleep(duration.toMillis());
                  }
                })
            .build();
    started[0] = client.startLogin();
    assertEquals(5, started[0].interval(), "auth-service's first interval in the test setup");

    StoredLogin login = client.finishLogin(started[0]);

    assertEquals(
        List.of(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(15)),
        waits);
    assertEquals(AuthServiceProcess.OWNER_EMAIL, login.email());
  }

  @Test
  void deniedLoginStopsWithHint() {
    RobertoClient client = client().sleeper(duration -> {}).build();
    DeviceCode code = client.startLogin();
    Approvals.denyAsOwner(code);

    AuthenticationException denied =
        assertThrows(AuthenticationException.class, () -> client.finishLogin(code));

    assertEquals("access_denied", denied.code());
    assertNotNull(denied.hint());
    assertFalse(client.storedLogin().isPresent());
  }

  @Test
  void approvedLoginIsStoredWithIdentity() {
    RobertoClient client = client().sleeper(duration -> {}).build();
    DeviceCode code = client.startLogin();
    Approvals.approveAsOwner(code);

    client.finishLogin(code);

    StoredLogin stored = client.storedLogin().orElseThrow();
    assertEquals(AuthServiceProcess.OWNER_EMAIL, stored.email());
    assertNotNull(stored.workspaceId());
    assertEquals(AuthServiceProcess.OWNER_EMAIL, client.whoami().email());
  }

  private RobertoClient.Builder client() {
    return RobertoClient.builder(AuthServiceProcess.shared().url())
        .store(new AuthStore(configHome.resolve("roberto")));
  }
}
