package dev.roberto.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.client.store.AuthStore;
import dev.roberto.client.store.StoredLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthStoreTest {

  @TempDir Path configHome;

  @Test
  void storeFileAndFolderAreOwnerOnly() throws Exception {
    AuthStore store = new AuthStore(configHome.resolve("roberto"));

    store.save(login("http://127.0.0.1:8081", "access-a"));

    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.folder())));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
  }

  @Test
  void savingOneControlPlaneKeepsTheOther() throws Exception {
    AuthStore store = new AuthStore(configHome.resolve("roberto"));
    store.save(login("http://127.0.0.1:8081", "access-a"));

    store.save(login("https://roberto.example.test/", "access-b"));
    store.remove("https://roberto.example.test");

    assertEquals("access-a", store.find("http://127.0.0.1:8081/").orElseThrow().accessToken());
    assertFalse(store.find("https://roberto.example.test").isPresent());
    try (Stream<Path> files = Files.list(store.folder())) {
      List<String> names = files.map(path -> path.getFileName().toString()).sorted().toList();
      assertEquals(List.of("auth.json", "auth.lock"), names, "no temporary file is left behind");
    }
  }

  @Test
  void controlPlaneUrlsAreNormalized() {
    assertEquals("http://127.0.0.1:8081", AuthStore.normalize("HTTP://127.0.0.1:8081/"));
    assertEquals(
        "https://cp.example.test/base", AuthStore.normalize("https://CP.example.test/base/"));
    assertTrue(
        assertThrowsMessage(() -> AuthStore.normalize("ftp://127.0.0.1")).contains("http://"));
  }

  private static String assertThrowsMessage(Runnable action) {
    try {
      action.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an IllegalArgumentException");
  }

  static StoredLogin login(String controlPlaneUrl, String accessToken) {
    return new StoredLogin(
        controlPlaneUrl,
        accessToken,
        "refresh-" + accessToken,
        "2030-01-01T00:00:00Z",
        "someone@roberto.test",
        "00000000-0000-0000-0000-000000000001",
        "cli",
        Map.of("auth", controlPlaneUrl));
  }
}
