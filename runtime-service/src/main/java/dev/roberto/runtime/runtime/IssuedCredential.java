package dev.roberto.runtime.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A runtime credential as auth-service issues it: the OAuth client id and its secret, which is
 * shown to the person only in the registration response. {@link #toString()} leaves the secret out,
 * so that a log line or an exception message cannot carry it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssuedCredential(String clientId, String clientSecret) {

  @Override
  public String toString() {
    return "IssuedCredential[clientId=" + clientId + "]";
  }
}
