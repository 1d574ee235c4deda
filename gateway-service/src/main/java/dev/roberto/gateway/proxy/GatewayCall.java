package dev.roberto.gateway.proxy;

import dev.roberto.gateway.usage.UsageMeter;
import dev.roberto.gateway.usage.UsageRecorder;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gateway call that reached a provider. {@link #finish} records its usage exactly once, however
 * the call ends, and then runs the release action (reservation, call slot).
 */
final class GatewayCall {

  static final String COMPLETED = "completed";
  static final String PROVIDER_DROPPED = "provider_dropped";
  static final String CLIENT_DISCONNECTED = "client_disconnected";

  final String requestId;
  final String agentId;
  final String workspaceId;
  final String model;
  final Endpoint endpoint;
  final UsageMeter meter;
  final long startedNanos;
  private final Context context;
  private final UsageRecorder recorder;
  private final Runnable release;
  private final AtomicBoolean finished = new AtomicBoolean();

  GatewayCall(
      String requestId,
      String agentId,
      String workspaceId,
      String model,
      Endpoint endpoint,
      UsageMeter meter,
      long startedNanos,
      Context context,
      UsageRecorder recorder,
      Runnable release) {
    this.requestId = requestId;
    this.agentId = agentId;
    this.workspaceId = workspaceId;
    this.model = model;
    this.endpoint = endpoint;
    this.meter = meter;
    this.startedNanos = startedNanos;
    this.context = context;
    this.recorder = recorder;
    this.release = release;
  }

  boolean isFinished() {
    return finished.get();
  }

  /** Records the usage of the call with the provider that served it; later calls do nothing. */
  void finish(String provider, String outcome) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    long latencyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    UsageRecorder.Call call =
        new UsageRecorder.Call(
            requestId, agentId, workspaceId, provider, model, meter, latencyMillis, outcome);
    context.runOnContext(
        ignored ->
            recorder
                .record(call)
                .subscribe()
                .with(
                    cost -> release.run(),
                    failure -> {
                      release.run();
                      Log.errorf(
                          failure, "Recording the usage of gateway call %s failed", requestId);
                    }));
  }

  /** Releases what the call held without recording usage, for calls that got no answer. */
  void abandon() {
    if (finished.compareAndSet(false, true)) {
      release.run();
    }
  }
}
