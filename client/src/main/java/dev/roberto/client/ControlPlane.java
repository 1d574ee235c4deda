package dev.roberto.client;

import java.util.Map;

/** The discovery document at {@code /.well-known/roberto}: the public base URL of each service. */
public record ControlPlane(String controlPlaneUrl, Map<String, String> services) {

  /** Returns the base URL of the service ({@code auth}, {@code billing}, ...). */
  public String serviceUrl(String service) {
    String url = services == null ? null : services.get(service);
    if (url == null) {
      throw new RobertoException(
          0,
          "service_not_discovered",
          "The control plane's discovery document lists no " + service + " service.",
          "Check that the control plane URL points at a complete Roberto control plane.",
          null);
    }
    return url;
  }
}
