package dev.roberto.runtime.update;

import java.util.UUID;

/** Response to an accepted apply: the update to run now, with its script links. */
public record ApplyAccepted(UUID decisionId, String state, DecisionView.ItemView update) {}
