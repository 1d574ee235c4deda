package dev.roberto.mcp;

import dev.roberto.client.RobertoClient;
import dev.roberto.client.store.AuthStore;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes clients of the configured control plane on the CLI's auth store, as client {@code mcp}. */
@Singleton
public class ControlPlaneClients {

  private final String controlPlane;

  public ControlPlaneClients(@ConfigProperty(name = "roberto.control-plane") String controlPlane) {
    this.controlPlane = controlPlane;
  }

  public RobertoClient client() {
    return RobertoClient.builder(controlPlane)
        .clientName("mcp")
        .store(AuthStore.inConfigFolder())
        .build();
  }
}
