package dev.roberto.runtime.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Request body that publishes a release: what it updates, where, and the scripts that install it.
 */
public record PublishRelease(
    @NotNull Component component,
    @NotBlank @Size(max = 50) @Pattern(regexp = Channels.PATTERN, message = Channels.MESSAGE)
        String channel,
    @NotBlank
        @Size(max = 100)
        @Pattern(
            regexp = SemanticVersion.PATTERN,
            message = "must be a semantic version such as 1.4.2 or 2.0.0-rc.1")
        String version,
    @Min(0) @Max(100) Integer rolloutPercent,
    @Size(max = 2000) String notes,
    @NotEmpty List<@Valid @NotNull ScriptUpload> scripts) {

  /** A script of the release with its body in base64 and the hash and size it must match. */
  public record ScriptUpload(
      @NotBlank
          @Size(max = 100)
          @Pattern(
              regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
              message = "must start with a letter or digit and use only letters, digits, . _ -")
          String name,
      @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits (SHA-256)")
          String sha256,
      @NotNull @PositiveOrZero Long size,
      @NotNull String content) {}
}
