package dev.roberto.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An event that Roberto's services exchange: a JSON payload with a schema version. */
public interface RobertoEvent {

  /** Version of the payload's schema as {@code MAJOR.MINOR}; consumers reject unknown majors. */
  String schemaVersion();

  /** Globally unique id of this event, also its CloudEvents {@code id}. */
  String eventId();

  /** Topic the event is published on. */
  @JsonIgnore
  String topic();

  /** Kafka record key: the id whose events must stay in order. */
  @JsonIgnore
  String key();

  /** CloudEvents {@code type}, such as {@code dev.roberto.billing.synced}. */
  @JsonIgnore
  String type();
}
