package dev.roberto.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A log handler on the root logger that keeps every record logged between {@link #start()} and
 * {@link #stop()}, for tests that check what a service logged.
 */
public final class LogCapture extends Handler {

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  public LogCapture() {
    setLevel(Level.ALL);
  }

  /** Adds this handler to the root logger. */
  public void start() {
    Logger.getLogger("").addHandler(this);
  }

  /** Removes this handler from the root logger; the records stay readable. */
  public void stop() {
    Logger.getLogger("").removeHandler(this);
  }

  /** Returns the records kept so far, oldest first. */
  public List<LogRecord> records() {
    return records;
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
