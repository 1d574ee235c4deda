package dev.roberto.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 attributes in Kafka's binary content mode: each attribute is a record header
 * named {@code ce_<attribute>}, and the record value is the JSON payload.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";
  public static final String DATA_SCHEMA = "ce_dataschema";
  public static final String CONTENT_TYPE = "content-type";

  public static final String SPEC_VERSION_VALUE = "1.0";
  public static final String JSON = "application/json";

  private CloudEventHeaders() {}

  /**
   * Returns the headers of an event, in UTF-8, for a producer identified by {@code source} (a URI
   * reference such as {@code /roberto/billing-service}).
   */
  public static Map<String, byte[]> of(RobertoEvent event, String source, Instant time) {
    return of(event.eventId(), event.type(), event.key(), dataSchema(event), source, time);
  }

  /** Returns the headers from stored attributes, as an outbox relay has them. */
  public static Map<String, byte[]> of(
      String id, String type, String subject, String dataSchema, String source, Instant time) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    headers.put(SPEC_VERSION, utf8(SPEC_VERSION_VALUE));
    headers.put(ID, utf8(id));
    headers.put(SOURCE, utf8(source));
    headers.put(TYPE, utf8(type));
    headers.put(TIME, utf8(time.toString()));
    headers.put(SUBJECT, utf8(subject));
    headers.put(DATA_SCHEMA, utf8(dataSchema));
    headers.put(CONTENT_TYPE, utf8(JSON));
    return headers;
  }

  /** Names the payload's schema and major version, such as {@code urn:roberto:billing-synced:1}. */
  public static String dataSchema(RobertoEvent event) {
    return "urn:roberto:" + event.topic() + ":" + SchemaVersion.majorOf(event.schemaVersion());
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
