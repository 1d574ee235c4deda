package dev.roberto.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds request paths from values a person typed, such as agent ids. */
public final class UrlPaths {

  private UrlPaths() {}

  /**
   * Percent-encodes a value for one path segment, so that a {@code /}, {@code ?} or {@code #} in it
   * cannot change which endpoint a request reaches.
   */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Percent-encodes a value for a query parameter. */
  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
