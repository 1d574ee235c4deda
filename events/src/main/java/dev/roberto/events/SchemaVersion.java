package dev.roberto.events;

/** The schema version that this build of the contracts writes and the majors it reads. */
public final class SchemaVersion {

  /** Written into every event this build produces. */
  public static final String CURRENT = "1.0";

  public static final int SUPPORTED_MAJOR = 1;

  private SchemaVersion() {}

  /** Tells whether a consumer built from these contracts can read the version. */
  public static boolean isSupported(String version) {
    return majorOf(version) == SUPPORTED_MAJOR;
  }

  /** Returns the major part of {@code MAJOR.MINOR}, or -1 when the text is not a version. */
  public static int majorOf(String version) {
    if (version == null) {
      return -1;
    }
    int dot = version.indexOf('.');
    String major = dot < 0 ? version : version.substring(0, dot);
    try {
      return Integer.parseInt(major);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
