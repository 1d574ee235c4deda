package dev.roberto.client.update;

/** The control plane's response to an accepted apply: the update to run now. */
public record AcceptedApply(String decisionId, String state, UpdateItem update) {}
