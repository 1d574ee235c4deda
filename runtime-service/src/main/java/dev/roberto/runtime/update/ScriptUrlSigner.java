package dev.roberto.runtime.update;

import dev.roberto.runtime.config.UpdatesConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies script URLs with HMAC-SHA256. A signature covers the runtime, the decision,
 * the script and the expiry, so a URL works only for the runtime and decision it was made for, and
 * only until it expires.
 */
@ApplicationScoped
@Startup
public class ScriptUrlSigner {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_KEY_BYTES = 32;
  private static final String PROPERTY = "roberto.updates.script-url-signing-key";

  private final SecretKeySpec key;

  public ScriptUrlSigner(UpdatesConfig config) {
    String encoded =
        config
            .scriptUrlSigningKey()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        PROPERTY
                            + " is missing: set it (or ROBERTO_UPDATES_SCRIPT_URL_SIGNING_KEY) to"
                            + " the base64 of at least 32 random bytes, for example from `openssl"
                            + " rand -base64 32`."));
    this.key = new SecretKeySpec(decodeKey(encoded), ALGORITHM);
  }

  /** Returns the base64url signature of one script URL. */
  public String sign(UUID runtimeId, UUID decisionId, UUID scriptId, Instant expiresAt) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(signedText(runtimeId, decisionId, scriptId, expiresAt));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing a script URL failed", e);
    }
  }

  /**
   * Returns whether {@code signature} is this key's signature of the URL, compared in constant
   * time.
   */
  public boolean verify(
      UUID runtimeId, UUID decisionId, UUID scriptId, Instant expiresAt, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] expected =
        sign(runtimeId, decisionId, scriptId, expiresAt).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] signedText(
      UUID runtimeId, UUID decisionId, UUID scriptId, Instant expiresAt) {
    String text =
        String.join(
            "\n",
            "roberto-script-url-v1",
            runtimeId.toString(),
            decisionId.toString(),
            scriptId.toString(),
            Long.toString(expiresAt.getEpochSecond()));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] decodeKey(String encoded) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PROPERTY + " is not valid base64", e);
    }
    if (bytes.length < MIN_KEY_BYTES) {
      throw new IllegalStateException(
          PROPERTY + " must decode to at least 32 bytes, not " + bytes.length);
    }
    return bytes;
  }
}
