package dev.roberto.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * An RFC 9457 problem details body with Roberto's two extension members: {@code code}, a stable
 * machine-readable word, and {@code hint}, the next step a person can take.
 *
 * @param extensions further members written at the top level, such as {@code errors} or {@code
 *     interval}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "type",
  "title",
  "status",
  "detail",
  "instance",
  "code",
  "hint",
  "correlationId"
})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    String hint,
    String correlationId,
    @JsonIgnore Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * Base of the {@code type} URIs; each code has its own, such as {@code .../problems/slow_down}.
   */
  public static final String TYPE_BASE = "https://roberto.dev/problems/";

  @JsonAnyGetter
  Map<String, Object> extensionMembers() {
    return extensions == null ? Map.of() : extensions;
  }
}
