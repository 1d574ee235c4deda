package dev.roberto.runtime.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request body of {@code POST /api/agents}; {@code channel} defaults to {@code stable}. */
public record ProvisionAgent(
    @NotBlank
        @Size(max = 100)
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
            message = "must start with a letter or digit and use only letters, digits, . _ -")
        String name,
    @NotNull UUID runtimeId,
    @Size(max = 40)
        @Pattern(
            regexp = "[a-z0-9][a-z0-9._-]*",
            message =
                "must start with a lower-case letter or digit and use only lower-case letters,"
                    + " digits, . _ -")
        String channel) {

  public static final String DEFAULT_CHANNEL = "stable";

  /** Returns the requested channel, or {@value #DEFAULT_CHANNEL} when none was given. */
  public String channelOrDefault() {
    return channel == null ? DEFAULT_CHANNEL : channel;
  }
}
