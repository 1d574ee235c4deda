package dev.roberto.gateway.allowlist;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code PUT /api/agents/{agentId}/gateway-models}; an empty list removes the list. */
public record ModelListRequest(
    @NotNull @Size(max = ModelListRequest.MAX_MODELS)
        List<@NotBlank @Size(max = ModelListRequest.MAX_NAME_LENGTH) String> models) {

  static final int MAX_MODELS = 500;
  static final int MAX_NAME_LENGTH = 200;
}
