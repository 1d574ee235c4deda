package dev.roberto.runtime.runtime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request body of a runtime registration. */
public record RegisterRuntime(
    @NotBlank
        @Size(max = 100)
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
            message = "must start with a letter or digit and use only letters, digits, . _ -")
        String name) {}
