package dev.roberto.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

  @Test
  void runIsDefaultSubcommand() {
    assertArrayEquals(new String[] {"run"}, LocalStack.withDefaultSubcommand(new String[] {}));
    assertArrayEquals(
        new String[] {"run", "--reset"},
        LocalStack.withDefaultSubcommand(new String[] {"--reset"}));
    assertArrayEquals(
        new String[] {"status"}, LocalStack.withDefaultSubcommand(new String[] {"status"}));
    assertArrayEquals(
        new String[] {"--help"}, LocalStack.withDefaultSubcommand(new String[] {"--help"}));
  }

  @Test
  void stopCommandRepeatsStateDir() {
    StateDirectory defaultFolder = new StateDirectory();
    StateDirectory ownFolder = new StateDirectory();
    ownFolder.stateDir = Path.of("/tmp/roberto-state");

    assertEquals("deploy/local/roberto-local stop", defaultFolder.stopCommand());
    assertEquals(
        "deploy/local/roberto-local stop --state-dir /tmp/roberto-state", ownFolder.stopCommand());
  }

  @Test
  void servicesSelectedInStartOrder() {
    List<ServiceDefinition> selected = ServiceDefinition.select("webhook, Auth,billing-service");

    assertEquals(
        List.of("auth-service", "billing-service", "webhook-service"),
        selected.stream().map(ServiceDefinition::name).toList());
    assertEquals(8085, selected.get(2).port(8081));
    assertEquals("roberto_webhook", selected.get(2).database("roberto"));
    assertEquals("e2e_run1_webhook", selected.get(2).database("e2e_run1"));
  }

  @Test
  void unknownServiceRejected() {
    LocalStackException error =
        assertThrows(LocalStackException.class, () -> ServiceDefinition.select("auth,payments"));

    assertTrue(error.getMessage().contains("'payments'"), error.getMessage());
  }

  @Test
  void databasePrefixChecked() {
    RunCommand.requireValidDatabasePrefix("e2e_1a2b");

    for (String invalid : List.of("", "E2e", "1e2e", "e2e-run", "e2e;drop", "a".repeat(41))) {
      LocalStackException error =
          assertThrows(
              LocalStackException.class, () -> RunCommand.requireValidDatabasePrefix(invalid));
      assertTrue(error.getMessage().contains("--database-prefix"), error.getMessage());
    }
  }

  @Test
  void portInUseNamesPortAndUser() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      PortCheck check = new PortCheck().claim(port, "Kafka", "--kafka-port");

      LocalStackException error = assertThrows(LocalStackException.class, check::requireAllFree);

      assertTrue(error.getMessage().contains("Port " + port), error.getMessage());
      assertTrue(error.getMessage().contains("Kafka needs it"), error.getMessage());
      assertTrue(error.getMessage().contains("--kafka-port"), error.getMessage());
    }
  }

  @Test
  void samePortForTwoUsersRejected() {
    PortCheck check =
        new PortCheck()
            .claim(18089, "the stand-in LLM provider", "--provider-port")
            .claim(18089, "Kafka", "--kafka-port");

    LocalStackException error = assertThrows(LocalStackException.class, check::requireAllFree);

    assertTrue(error.getMessage().contains("both"), error.getMessage());
  }
}
