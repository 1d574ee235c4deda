package dev.roberto.webhook.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a usage delivery from the raw body bytes with Jackson's tree model, so that the JSON types
 * are checked as sent: a numeric string is not a number, and a duplicate member is malformed.
 */
@ApplicationScoped
public class UsageReportParser {

  public static final String INVALID_USAGE = "invalid_usage";

  static final int MAX_MODEL_LENGTH = 200;
  static final int MAX_PROVIDER_LENGTH = 100;
  static final int MAX_METADATA_ENTRIES = 20;
  static final int MAX_METADATA_KEY_LENGTH = 64;
  static final int MAX_METADATA_VALUE_LENGTH = 500;
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  private static final long MAX_LATENCY_MILLIS = Duration.ofDays(1).toMillis();

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final WebhookConfig config;
  private final Clock clock = Clock.systemUTC();

  public UsageReportParser(WebhookConfig config) {
    this.config = config;
  }

  /** Parses and validates the body, or throws a 400 or 422 problem that names each bad field. */
  public UsageReport parse(byte[] body) {
    JsonNode root = readTree(body);
    List<Map<String, String>> errors = new ArrayList<>();
    if (!root.isObject()) {
      errors.add(error("(body)", "must be a JSON object"));
      throw invalid(errors);
    }

    long maxTokens = config.usage().maxTokens();
    Long inputTokens = wholeNumber(root, "inputTokens", true, maxTokens, errors);
    Long outputTokens = wholeNumber(root, "outputTokens", true, maxTokens, errors);
    Long cachedTokens = wholeNumber(root, "cachedTokens", true, maxTokens, errors);
    Long costMicros =
        wholeNumber(root, "costMicros", false, config.usage().maxCostMicros(), errors);
    Long latencyMillis = wholeNumber(root, "latencyMillis", false, MAX_LATENCY_MILLIS, errors);
    String provider = text(root, "provider", false, MAX_PROVIDER_LENGTH, errors);
    String model = text(root, "model", true, MAX_MODEL_LENGTH, errors);
    Instant occurredAt = timestamp(root, "occurredAt", errors);
    Map<String, String> metadata = metadata(root, errors);

    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return new UsageReport(
        inputTokens,
        outputTokens,
        cachedTokens,
        costMicros,
        latencyMillis,
        provider,
        model,
        occurredAt,
        metadata);
  }

  private static JsonNode readTree(byte[] body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw malformed("The request body is empty.");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw malformed("The request body is not valid JSON" + location(e) + ".");
    } catch (IOException e) {
      throw malformed("The request body could not be read as JSON.");
    }
  }

  private static Long wholeNumber(
      JsonNode root, String field, boolean required, long max, List<Map<String, String>> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(error(field, "is required"));
      }
      return null;
    }
    if (!node.isNumber()) {
      errors.add(error(field, "must be a JSON number, not " + describe(node)));
      return null;
    }
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      errors.add(error(field, "must be a finite number"));
      return null;
    }
    if (!node.canConvertToExactIntegral()) {
      errors.add(error(field, "must be a whole number"));
      return null;
    }
    BigInteger value = node.bigIntegerValue();
    if (value.signum() < 0) {
      errors.add(error(field, "must not be negative"));
      return null;
    }
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      errors.add(error(field, "must be at most " + max));
      return null;
    }
    return value.longValueExact();
  }

  private static String text(
      JsonNode root,
      String field,
      boolean required,
      int maxLength,
      List<Map<String, String>> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(error(field, "is required"));
      }
      return null;
    }
    if (!node.isTextual()) {
      errors.add(error(field, "must be a string, not " + describe(node)));
      return null;
    }
    String value = node.textValue().strip();
    if (value.isEmpty()) {
      errors.add(error(field, "must not be blank"));
      return null;
    }
    if (value.length() > maxLength) {
      errors.add(error(field, "must be at most " + maxLength + " characters"));
      return null;
    }
    return value;
  }

  private Instant timestamp(JsonNode root, String field, List<Map<String, String>> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      errors.add(error(field, "is required"));
      return null;
    }
    if (!node.isTextual()) {
      errors.add(error(field, "must be an ISO-8601 timestamp string, not " + describe(node)));
      return null;
    }
    Instant value;
    try {
      value = OffsetDateTime.parse(node.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          error(
              field, "must be an ISO-8601 timestamp with an offset, such as 2026-01-31T12:00:00Z"));
      return null;
    }
    if (value.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
      errors.add(error(field, "must not lie more than 5 minutes in the future"));
      return null;
    }
    return value;
  }

  private static Map<String, String> metadata(JsonNode root, List<Map<String, String>> errors) {
    JsonNode node = root.get("metadata");
    Map<String, String> metadata = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return metadata;
    }
    if (!node.isObject()) {
      errors.add(error("metadata", "must be a JSON object of strings, not " + describe(node)));
      return metadata;
    }
    if (node.size() > MAX_METADATA_ENTRIES) {
      errors.add(error("metadata", "must have at most " + MAX_METADATA_ENTRIES + " entries"));
      return metadata;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      String field = "metadata." + entry.getKey();
      if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_METADATA_KEY_LENGTH) {
        errors.add(error(field, "keys must be 1 to " + MAX_METADATA_KEY_LENGTH + " characters"));
      } else if (!entry.getValue().isTextual()) {
        errors.add(error(field, "must be a string, not " + describe(entry.getValue())));
      } else if (entry.getValue().textValue().length() > MAX_METADATA_VALUE_LENGTH) {
        errors.add(error(field, "must be at most " + MAX_METADATA_VALUE_LENGTH + " characters"));
      } else {
        metadata.put(entry.getKey(), entry.getValue().textValue());
      }
    }
    return metadata;
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      default -> "null";
    };
  }

  private static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  private static ProblemException invalid(List<Map<String, String>> errors) {
    String fields = String.join(", ", errors.stream().map(error -> error.get("field")).toList());
    return new ProblemException(
            422,
            INVALID_USAGE,
            "Invalid usage",
            "Invalid usage fields: " + fields + ".",
            "Send whole, non-negative JSON numbers for the token counts and costMicros, a model and"
                + " an ISO-8601 occurredAt; see errors for each field.")
        .with("errors", errors);
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(
        400,
        ProblemCodes.MALFORMED_JSON,
        "Malformed JSON",
        detail,
        "Send one well-formed JSON object, encoded as UTF-8, with Content-Type: application/json.");
  }

  private static String location(JsonProcessingException e) {
    if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
      return "";
    }
    return " (line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ")";
  }
}
