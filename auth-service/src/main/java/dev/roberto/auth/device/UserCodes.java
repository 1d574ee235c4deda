package dev.roberto.auth.device;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * User codes as RFC 8628 section 6.1 recommends: 8 characters from 20 consonants, which avoid
 * vowels (no words), and look-alike digits, shown as {@code XXXX-XXXX}. That is about 34.6 bits,
 * enough because a code lives minutes and wrong entries are rate-limited.
 */
public final class UserCodes {

  static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
  static final int LENGTH = 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  private UserCodes() {}

  /** Returns a new code in its canonical form, 8 characters without the dash. */
  public static String generate() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /**
   * Returns the canonical form of what a person typed: case ignored, spaces and dashes dropped. An
   * input that cannot be a code (wrong length, a character outside the alphabet) gives empty.
   */
  public static Optional<String> normalise(String input) {
    if (input == null) {
      return Optional.empty();
    }
    String code = input.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      return Optional.empty();
    }
    return Optional.of(code);
  }

  /** Returns the code as shown to people, {@code XXXX-XXXX}. */
  public static String display(String canonical) {
    return canonical.substring(0, 4) + "-" + canonical.substring(4);
  }
}
