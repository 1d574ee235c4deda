package dev.roberto.client.login;

import java.time.Duration;

/** Waits between device-login polls; tests replace it to record the waits. */
@FunctionalInterface
public interface Sleeper {

  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
