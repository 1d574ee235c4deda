package dev.roberto.client.release;

import java.util.List;

/**
 * The body of {@code POST /api/runtime/releases}. {@code rolloutPercent} null takes the server's
 * default of 100, and {@code notes} may be null.
 *
 * @param component {@code runtime} or {@code agent}
 */
public record PublishRequest(
    String component,
    String channel,
    String version,
    Integer rolloutPercent,
    String notes,
    List<ScriptUpload> scripts) {}
