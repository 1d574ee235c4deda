package dev.roberto.webhook.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The v1 scheme against a value computed with openssl, as the README shows. */
class SignatureSchemeTest {

  // printf '%s.' 1780000000 | cat - body.json | openssl dgst -sha256 -hmac whsec_example
  private static final String BODY =
      "{\"inputTokens\":1200,\"outputTokens\":340,\"cachedTokens\":0,\"model\":\"gpt-4o\","
          + "\"occurredAt\":\"2026-12-04T20:00:00Z\",\"metadata\":{\"city\":\"Zürich\"}}";
  private static final String OPENSSL_V1 =
      "f84628cb8595c1d1848c395563aeca58b6360cc539f4ebb407cb64cd1cad608e";

  @Test
  void signatureMatchesOpenssl() {
    byte[] signature =
        SignatureScheme.sign("whsec_example", 1780000000L, BODY.getBytes(StandardCharsets.UTF_8));

    assertEquals(OPENSSL_V1, HexFormat.of().formatHex(signature));
  }

  @Test
  void headerWithSpacesParses() {
    SignatureHeader header = SignatureHeader.parse(" t=1780000000 ,  v1=" + OPENSSL_V1 + " ");

    assertEquals(1780000000L, header.timestamp());
    assertEquals(1, header.signatures().size());
    assertArrayEquals(HexFormat.of().parseHex(OPENSSL_V1), header.signatures().get(0));
  }

  @Test
  void headerKeepsEveryV1AndSkipsOtherSchemes() {
    SignatureHeader header =
        SignatureHeader.parse("t=1,v0=abc,v1=" + OPENSSL_V1 + ",v1=" + "0".repeat(64));

    assertEquals(2, header.signatures().size());
  }

  @Test
  void headerWithoutTimestampIsRejected() {
    assertNull(SignatureHeader.parse("v1=" + OPENSSL_V1));
  }

  @Test
  void headerWithTwoTimestampsIsRejected() {
    assertNull(SignatureHeader.parse("t=1,t=2,v1=" + OPENSSL_V1));
  }

  @Test
  void headerWithoutV1IsRejected() {
    assertNull(SignatureHeader.parse("t=1780000000"));
  }
}
