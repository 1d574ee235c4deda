package dev.roberto.gateway.proxy;

import dev.roberto.gateway.metrics.GatewayMetrics;
import dev.roberto.gateway.usage.UsageMeter;
import dev.roberto.gateway.usage.UsageRecorder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gateway call that reached a provider. {@link #finish} frees the call slot and records the
 * usage exactly once, however the call ends; the reservation is released once the usage is
 * recorded, or once recording gave up, which {@link UsageRecorder} logs.
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
  private final UsageRecorder recorder;
  private final GatewayMetrics metrics;
  private final Runnable releaseSlot;
  private final Runnable releaseReservation;
  private final AtomicBoolean finished = new AtomicBoolean();

  GatewayCall(
      String requestId,
      String agentId,
      String workspaceId,
      String model,
      Endpoint endpoint,
      UsageMeter meter,
      long startedNanos,
      UsageRecorder recorder,
      GatewayMetrics metrics,
      Runnable releaseSlot,
      Runnable releaseReservation) {
    this.requestId = requestId;
    this.agentId = agentId;
    this.workspaceId = workspaceId;
    this.model = model;
    this.endpoint = endpoint;
    this.meter = meter;
    this.startedNanos = startedNanos;
    this.recorder = recorder;
    this.metrics = metrics;
    this.releaseSlot = releaseSlot;
    this.releaseReservation = releaseReservation;
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
    metrics.call(
        provider,
        model,
        Duration.ofMillis(latencyMillis),
        meter.inputTokens(),
        meter.outputTokens());
    if (PROVIDER_DROPPED.equals(outcome)) {
      metrics.providerError(provider);
    }
    releaseSlot.run();
    UsageRecorder.Call call =
        new UsageRecorder.Call(
            requestId, agentId, workspaceId, provider, model, meter, latencyMillis, outcome);
    recorder
        .record(call)
        .subscribe()
        .with(cost -> releaseReservation.run(), failure -> releaseReservation.run());
  }

  /** Records the time until the first streamed event reached the client. */
  void firstEventSent(String provider) {
    metrics.firstToken(provider, model, Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /** Releases what the call held without recording usage, for calls that got no answer. */
  void abandon() {
    if (finished.compareAndSet(false, true)) {
      releaseSlot.run();
      releaseReservation.run();
    }
  }
}
