package dev.roberto.testsupport.runtime;

import java.util.Map;

/** Settings that runtime-service needs to start in a test, beyond those ServiceApplication sets. */
public final class RuntimeServiceSettings {

  /**
   * Base64 of a key for test runs only: runtime-service does not start without a script URL signing
   * key.
   */
  private static final String SCRIPT_URL_SIGNING_KEY =
      "Y2xpLXRlc3Qtb25seS1zY3JpcHQtdXJsLXNpZ25pbmcta2V5";

  private RuntimeServiceSettings() {}

  /** Returns the required settings, for {@code ServiceApplication.start("runtime-service", …)}. */
  public static Map<String, String> required() {
    return Map.of("roberto.updates.script-url-signing-key", SCRIPT_URL_SIGNING_KEY);
  }
}
