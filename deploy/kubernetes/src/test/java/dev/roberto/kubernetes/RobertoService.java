package dev.roberto.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * One of the five services, with the names the manifests give it and its application.properties.
 */
record RobertoService(String shortName) {

  static final List<RobertoService> ALL =
      List.of(
          new RobertoService("auth"),
          new RobertoService("billing"),
          new RobertoService("runtime"),
          new RobertoService("gateway"),
          new RobertoService("webhook"));

  /** Returns the module, Deployment and Service name, for example {@code auth-service}. */
  String name() {
    return shortName + "-service";
  }

  String image() {
    return "roberto/" + name();
  }

  /** Returns the Secret with the database role's username and password. */
  String databaseSecret() {
    return "roberto-" + shortName + "-db";
  }

  String configMap() {
    return name() + "-config";
  }

  /** Returns the service's src/main/resources/application.properties, as the service ships it. */
  Properties applicationProperties() {
    Path file =
        Manifests.REPOSITORY.resolve(name()).resolve("src/main/resources/application.properties");
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  int httpPort() {
    return Integer.parseInt(applicationProperties().getProperty("quarkus.http.port"));
  }

  /** Returns the database name from quarkus.datasource.reactive.url in application.properties. */
  String databaseName() {
    String url = applicationProperties().getProperty("quarkus.datasource.reactive.url");
    return URI.create(url).getPath().substring(1);
  }

  @Override
  public String toString() {
    return name();
  }
}
