package dev.roberto.webhook.signature;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parsed {@code x-roberto-signature} header: {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}.
 * White space around entries is ignored, and so are entries of schemes other than {@code v1}.
 *
 * @param signatures the decoded {@code v1} values; a value that is not 64 hex digits is left out
 */
public record SignatureHeader(long timestamp, List<byte[]> signatures) {

  public static final String NAME = "x-roberto-signature";

  private static final int SHA256_HEX_LENGTH = 64;

  // Compiled once: String.matches compiles its pattern on every call, twice per delivery here.
  private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  /** Parses the header, or returns null when it has no single numeric {@code t} or no v1 entry. */
  public static SignatureHeader parse(String value) {
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    boolean sawV1 = false;
    for (String entry : value.split(",")) {
      int equals = entry.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String scheme = entry.substring(0, equals).strip();
      String content = entry.substring(equals + 1).strip();
      if (scheme.equals("t")) {
        if (timestamp != null || !UNIX_SECONDS.matcher(content).matches()) {
          return null;
        }
        timestamp = Long.parseLong(content);
      } else if (scheme.equals("v1")) {
        sawV1 = true;
        if (content.length() == SHA256_HEX_LENGTH && HEX.matcher(content).matches()) {
          signatures.add(HexFormat.of().parseHex(content));
        }
      }
    }
    if (timestamp == null || !sawV1) {
      return null;
    }
    return new SignatureHeader(timestamp, signatures);
  }
}
