package dev.roberto.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The CloudNativePG cluster contains one database and one owning role per service. */
class PostgresDatabasesTest {

  static final List<RobertoService> SERVICES = RobertoService.ALL;

  private final Manifests base = Manifests.load(Manifests.BASE);

  @ParameterizedTest
  @FieldSource("SERVICES")
  void databaseUrlNamesPrimaryOfCluster(RobertoService service) {
    Resource cluster = base.ofKind("Cluster").get(0);
    Map<String, String> environment = workload(service).environment();

    URI url = URI.create(environment.get("QUARKUS_DATASOURCE_REACTIVE_URL"));

    assertEquals(cluster.name() + "-rw", url.getHost(), "the primary's Service of " + cluster);
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void databaseIsOwnedByServiceRole(RobertoService service) {
    Resource cluster = base.ofKind("Cluster").get(0);
    Resource database =
        base.ofKind("Database").stream()
            .filter(candidate -> service.databaseName().equals(candidate.spec().get("name").text()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Database " + service.databaseName()));
    String owner = database.spec().get("owner").text();

    assertEquals(
        cluster.name(), database.spec().get("cluster").get("name").text(), database.toString());
    Node role =
        cluster.spec().get("managed").get("roles").items().stream()
            .filter(candidate -> owner.equals(candidate.get("name").text()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no managed role " + owner + " in " + cluster));
    assertEquals("true", role.get("login").text(), role.path());
    assertEquals(
        service.databaseSecret(),
        role.get("passwordSecret").get("name").text(),
        role.path() + ": the role's password must be the Secret the Deployment reads");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void clusterCertificateAuthorityIsMounted(RobertoService service) {
    Resource cluster = base.ofKind("Cluster").get(0);
    Workload workload = workload(service);
    String certificate =
        workload.environment().get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS");
    String folder = certificate.substring(0, certificate.lastIndexOf('/'));

    assertTrue(
        workload
            .environment()
            .get("QUARKUS_DATASOURCE_JDBC_URL")
            .contains("sslrootcert=" + certificate),
        "Flyway's JDBC URL must trust the same certificate");
    String volume =
        workload.container().get("volumeMounts").items().stream()
            .filter(mount -> folder.equals(mount.get("mountPath").text()))
            .map(mount -> mount.get("name").text())
            .findFirst()
            .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + folder));
    Node secret =
        workload.podSpec().get("volumes").items().stream()
            .filter(candidate -> volume.equals(candidate.get("name").text()))
            .findFirst()
            .orElseThrow()
            .get("secret");
    assertEquals(cluster.name() + "-ca", secret.get("secretName").text(), secret.path());
    assertEquals(
        List.of("ca.crt"),
        secret.get("items").items().stream().map(item -> item.get("key").text()).toList(),
        secret.path() + ": mount only the certificate, never the CA's key");
  }

  private Workload workload(RobertoService service) {
    return new Workload(base, base.find("Deployment", service.name()).orElseThrow());
  }
}
