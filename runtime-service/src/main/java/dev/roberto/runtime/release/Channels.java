package dev.roberto.runtime.release;

/** The form of a release channel name, such as {@code stable} or {@code beta}. */
public final class Channels {

  public static final String PATTERN = "[a-z0-9][a-z0-9._-]*";
  public static final String MESSAGE =
      "must start with a lower-case letter or digit and use only a-z, 0-9, . _ -";

  private Channels() {}
}
