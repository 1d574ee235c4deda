package dev.roberto.runtime.release;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version in Semantic Versioning 2.0.0 form ({@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}),
 * ordered by the specification's precedence rules: numeric core fields first, a pre-release below
 * its release, pre-release identifiers compared one by one (numeric ones as numbers and below
 * alphanumeric ones), and build metadata ignored.
 *
 * <p>No semver library was in the package lists this project draws from, so this is written here.
 */
public final class SemanticVersion implements Comparable<SemanticVersion> {

  /** The grammar of semver.org, without leading zeros in numeric fields. */
  public static final String PATTERN =
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)"
          + "(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
          + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?";

  private static final Pattern GRAMMAR = Pattern.compile(PATTERN);
  private static final int MAX_NUMERIC_DIGITS = 18;

  private final long major;
  private final long minor;
  private final long patch;
  private final List<String> preRelease;
  private final String text;

  private SemanticVersion(
      long major, long minor, long patch, List<String> preRelease, String text) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = preRelease;
    this.text = text;
  }

  /** Returns whether {@code text} is a semantic version this class can compare. */
  public static boolean isValid(String text) {
    if (text == null) {
      return false;
    }
    Matcher matcher = GRAMMAR.matcher(text);
    return matcher.matches()
        && fitsLong(matcher.group(1))
        && fitsLong(matcher.group(2))
        && fitsLong(matcher.group(3));
  }

  /**
   * Parses a semantic version.
   *
   * @throws IllegalArgumentException when the text is not one
   */
  public static SemanticVersion parse(String text) {
    if (!isValid(text)) {
      throw new IllegalArgumentException("Not a semantic version: " + text);
    }
    Matcher matcher = GRAMMAR.matcher(text);
    matcher.matches();
    List<String> preRelease =
        matcher.group(4) == null ? List.of() : List.of(matcher.group(4).split("\\."));
    return new SemanticVersion(
        Long.parseLong(matcher.group(1)),
        Long.parseLong(matcher.group(2)),
        Long.parseLong(matcher.group(3)),
        preRelease,
        text);
  }

  /** Compares two version strings by precedence; both must be valid. */
  public static int compare(String left, String right) {
    return parse(left).compareTo(parse(right));
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int core = compareCore(other);
    if (core != 0) {
      return core;
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      // A release ranks above any of its pre-releases.
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    return comparePreRelease(preRelease, other.preRelease);
  }

  private int compareCore(SemanticVersion other) {
    if (major != other.major) {
      return Long.compare(major, other.major);
    }
    if (minor != other.minor) {
      return Long.compare(minor, other.minor);
    }
    return Long.compare(patch, other.patch);
  }

  private static int comparePreRelease(List<String> left, List<String> right) {
    int shared = Math.min(left.size(), right.size());
    for (int i = 0; i < shared; i++) {
      int identifier = compareIdentifier(left.get(i), right.get(i));
      if (identifier != 0) {
        return identifier;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  private static int compareIdentifier(String left, String right) {
    boolean leftNumeric = isNumeric(left);
    boolean rightNumeric = isNumeric(right);
    if (leftNumeric && rightNumeric) {
      // Compared as numbers of any length: a longer digit string is larger (no leading zeros).
      return left.length() != right.length()
          ? Integer.compare(left.length(), right.length())
          : left.compareTo(right);
    }
    if (leftNumeric != rightNumeric) {
      return leftNumeric ? -1 : 1;
    }
    return left.compareTo(right);
  }

  private static boolean isNumeric(String identifier) {
    return identifier.chars().allMatch(Character::isDigit);
  }

  private static boolean fitsLong(String digits) {
    return digits.length() <= MAX_NUMERIC_DIGITS;
  }

  /** Returns whether this version ranks below {@code other}. */
  public boolean isOlderThan(SemanticVersion other) {
    return compareTo(other) < 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SemanticVersion version && compareTo(version) == 0;
  }

  @Override
  public int hashCode() {
    List<Object> parts = new ArrayList<>(List.of(major, minor, patch));
    parts.addAll(preRelease);
    return parts.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
