package dev.roberto.cli.release;

import java.util.regex.Pattern;

/**
 * Checks the option values of the release commands before any request, by the rules that
 * runtime-service applies to them, so a typing mistake gets a message naming the option.
 */
final class ReleaseValues {

  private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final int CHANNEL_MAX_LENGTH = 50;

  /** The grammar of Semantic Versioning 2.0.0, without leading zeros in numeric identifiers. */
  private static final Pattern SEMANTIC_VERSION =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(-(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)"
              + "(\\.(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*)?"
              + "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  private static final int VERSION_MAX_LENGTH = 100;

  private ReleaseValues() {}

  /** Returns the component, {@code runtime} or {@code agent}; null stays null. */
  static String component(String value) {
    if (value == null || value.equals("runtime") || value.equals("agent")) {
      return value;
    }
    throw new IllegalArgumentException(
        "--component must be runtime or agent, not '" + value + "'.");
  }

  /** Returns the channel name; null stays null. */
  static String channel(String value) {
    if (value == null) {
      return null;
    }
    if (value.length() > CHANNEL_MAX_LENGTH || !CHANNEL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "--channel '"
              + value
              + "' is not a channel name: it must start with a lower-case letter or digit, use"
              + " only a-z, 0-9, '.', '_' and '-', and have at most "
              + CHANNEL_MAX_LENGTH
              + " characters.");
    }
    return value;
  }

  static String version(String value) {
    if (value.length() > VERSION_MAX_LENGTH || !SEMANTIC_VERSION.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "--version '"
              + value
              + "' is not a semantic version such as 1.4.2 or 2.0.0-rc.1 (MAJOR.MINOR.PATCH).");
    }
    return value;
  }

  /** Returns a percentage from 0 to 100; null stays null. */
  static Integer percent(String option, Integer value) {
    if (value != null && (value < 0 || value > 100)) {
      throw new IllegalArgumentException(
          option + " must be a percentage from 0 to 100, not " + value + ".");
    }
    return value;
  }
}
