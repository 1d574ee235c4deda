package dev.roberto.testsupport.kafka.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Runs one combined KRaft broker and controller in this JVM, as {@code KafkaBroker} starts it in a
 * child process.
 *
 * <p>Arguments: data folder, client port, controller port, and the process id of the parent. The
 * process exits when the parent is gone, so a killed test run or local stack leaves no broker
 * behind.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: KafkaBrokerMain DATA_DIR CLIENT_PORT CONTROLLER_PORT PARENT_PID");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]);
    int clientPort = Integer.parseInt(args[1]);
    int controllerPort = Integer.parseInt(args[2]);
    long parentPid = Long.parseLong(args[3]);

    exitWhenParentEnds(parentPid);
    Path config = writeConfig(dataDir, clientPort, controllerPort);
    formatStorage(dataDir, config);
    kafka.Kafka.main(new String[] {config.toString()});
  }

  private static void exitWhenParentEnds(long parentPid) {
    ProcessHandle.of(parentPid)
        .ifPresentOrElse(
            parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
  }

  static Path writeConfig(Path dataDir, int clientPort, int controllerPort) throws IOException {
    Files.createDirectories(dataDir.resolve("logs"));
    Properties properties = new Properties();
    properties.setProperty("process.roles", "broker,controller");
    properties.setProperty("node.id", "1");
    properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    properties.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    properties.setProperty("controller.listener.names", "CONTROLLER");
    properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
    properties.setProperty(
        "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.setProperty("log.dirs", dataDir.resolve("logs").toString());
    properties.setProperty("num.partitions", "3");
    properties.setProperty("auto.create.topics.enable", "true");
    properties.setProperty("offsets.topic.replication.factor", "1");
    properties.setProperty("offsets.topic.num.partitions", "3");
    properties.setProperty("transaction.state.log.replication.factor", "1");
    properties.setProperty("transaction.state.log.min.isr", "1");
    properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
    properties.setProperty("share.coordinator.state.topic.min.isr", "1");
    properties.setProperty("group.initial.rebalance.delay.ms", "0");
    properties.setProperty("log.retention.hours", "168");
    Path config = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      properties.store(out, "KRaft single-node broker for Roberto tests and the local stack");
    }
    return config;
  }

  /** Formats the log folder once; a folder kept from an earlier run keeps its data. */
  private static void formatStorage(Path dataDir, Path config) {
    if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
      return;
    }
    String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
    String[] formatArgs = {
      "format", "--config", config.toString(), "--cluster-id", clusterId, "--ignore-formatted"
    };
    int exitCode = kafka.tools.StorageTool.execute(formatArgs, new PrintStream(System.out, true));
    if (exitCode != 0) {
      throw new IllegalStateException("Formatting the Kafka log folder failed with " + exitCode);
    }
  }
}
