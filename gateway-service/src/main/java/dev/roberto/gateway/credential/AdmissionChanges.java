package dev.roberto.gateway.credential;

import dev.roberto.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Listens on PostgreSQL's channel {@code gateway_admission_changed}, which the triggers of
 * migration V4 notify whenever a token, an agent or a workspace's billing snapshot changes, and
 * empties {@link TokenOwnerCache} on each notification. The listening connection is the service's
 * own, outside the pool, and is opened again a second after it drops. While it is down, every call
 * reads the database.
 *
 * <p>NOTE: it connects with the reactive datasource's URL, user and password only, and needs a
 * direct connection or a pooler in session mode: PgBouncer in transaction mode does not pass
 * notifications on.
 */
@ApplicationScoped
public class AdmissionChanges {

  static final String CHANNEL = "gateway_admission_changed";

  private static final long RECONNECT_DELAY_MILLIS = 1000;
  private static final String URL_PREFIX = "vertx-reactive:";

  private final Vertx vertx;
  private final TokenOwnerCache cache;
  private final boolean enabled;
  private final PgConnectOptions options;
  private final AtomicInteger failedConnects = new AtomicInteger();
  private volatile PgSubscriber subscriber;

  public AdmissionChanges(
      Vertx vertx,
      TokenOwnerCache cache,
      GatewayConfig config,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.cache = cache;
    this.enabled = config.credentials().cacheTokens();
    this.options =
        PgConnectOptions.fromUri(
            url.startsWith(URL_PREFIX) ? url.substring(URL_PREFIX.length()) : url);
    user.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
  }

  void onStart(@Observes StartupEvent event) {
    if (!enabled) {
      Log.info("Gateway token cache is off: every call looks its token up in PostgreSQL");
      return;
    }
    PgSubscriber created = PgSubscriber.subscriber(vertx, options);
    // The subscriber calls its reconnect policy when the connection drops and after each failed
    // attempt to open it again, and calls the channel's end handler only when it gives up, which
    // this policy never does. So the policy is where this replica learns that it stopped listening.
    created.reconnectPolicy(
        retries -> {
          stoppedListening();
          return RECONNECT_DELAY_MILLIS;
        });
    PgChannel channel = created.channel(CHANNEL);
    channel.subscribeHandler(ignored -> listening());
    channel.handler(table -> cache.changed());
    subscriber = created;
    connect();
  }

  void onShutdown(@Observes ShutdownEvent event) {
    PgSubscriber running = subscriber;
    subscriber = null;
    if (running != null) {
      running.close();
    }
  }

  /**
   * Connects, and tries again a second later when the first connection fails. The first failure is
   * logged as WARN and the repeats as DEBUG.
   */
  private void connect() {
    PgSubscriber running = subscriber;
    if (running == null) {
      return;
    }
    running
        .connect()
        .onFailure(
            failure -> {
              if (failedConnects.getAndIncrement() == 0) {
                Log.warnf(
                    "Listening on %s failed to connect, so gateway calls read every token from"
                        + " PostgreSQL; trying again every %d ms: %s",
                    CHANNEL, RECONNECT_DELAY_MILLIS, failure.getMessage());
              } else {
                Log.debugf("Listening on %s failed to connect again: %s", CHANNEL, failure);
              }
              vertx.setTimer(RECONNECT_DELAY_MILLIS, ignored -> connect());
            });
  }

  private void listening() {
    PgSubscriber running = subscriber;
    PgConnection connection = running == null ? null : running.actualConnection();
    if (connection != null) {
      // Without a handler, the client prints the error that ends a connection to standard error,
      // such as PostgreSQL's FATAL 57P01 when an administrator terminates the session.
      connection.exceptionHandler(
          failure -> Log.debugf("The connection that listens on %s failed: %s", CHANNEL, failure));
    }
    cache.listeningStarted();
    Log.infof("Listening on %s: the gateway token cache serves calls", CHANNEL);
  }

  private void stoppedListening() {
    if (cache.listeningStopped() && subscriber != null) {
      Log.warnf(
          "The connection that listens on %s dropped: gateway calls read every token from"
              + " PostgreSQL until it is back",
          CHANNEL);
    }
  }
}
