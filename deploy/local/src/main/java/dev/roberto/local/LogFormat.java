package dev.roberto.local;

/** The java.util.logging line format of the launcher and the stand-in provider. */
public final class LogFormat {

  private LogFormat() {}

  /**
   * Sets a one-line format, time, level and message, unless the command line set one. It must run
   * before the first logger is created, because java.util.logging reads the format once.
   */
  public static void useSingleLineFormat() {
    String property = "java.util.logging.SimpleFormatter.format";
    if (System.getProperty(property) == null) {
      System.setProperty(property, "%1$tT %4$s %5$s%6$s%n");
    }
  }
}
