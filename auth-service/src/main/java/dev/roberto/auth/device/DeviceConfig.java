package dev.roberto.auth.device;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the device-code login. */
@ConfigMapping(prefix = "roberto.device")
public interface DeviceConfig {

  /** How long a device code and its user code stay valid. */
  @WithDefault("10M")
  Duration codeLifetime();

  /** Seconds a client waits between polls at first; each {@code slow_down} adds 5. */
  @WithDefault("5")
  int intervalSeconds();

  /** Limits on wrong user codes entered on the web page. */
  WrongCodes wrongCodes();

  /** Wrong user codes allowed per window, per browser session and per client address. */
  interface WrongCodes {

    @WithDefault("5")
    int perSession();

    @WithDefault("20")
    int perAddress();

    @WithDefault("15M")
    Duration window();
  }
}
