package dev.roberto.runtime.release;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Request body that changes the share of runtimes a release is offered to. */
public record ChangeRollout(@NotNull @Min(0) @Max(100) Integer rolloutPercent) {}
