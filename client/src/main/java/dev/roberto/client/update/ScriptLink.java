package dev.roberto.client.update;

/** A script of an update: where to download it, and the hash and size it must have. */
public record ScriptLink(String name, String sha256, long size, String url) {}
