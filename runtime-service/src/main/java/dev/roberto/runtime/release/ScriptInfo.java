package dev.roberto.runtime.release;

import java.util.UUID;

/** A release script without its body. */
public record ScriptInfo(
    UUID id, UUID releaseId, int position, String name, String sha256, long sizeBytes) {}
