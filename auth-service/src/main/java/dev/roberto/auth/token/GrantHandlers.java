package dev.roberto.auth.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link GrantHandler} bean, by grant type. */
@ApplicationScoped
public class GrantHandlers {

  private final Map<String, GrantHandler> byType;

  public GrantHandlers(@Any Instance<GrantHandler> handlers) {
    Map<String, GrantHandler> found = new TreeMap<>();
    for (GrantHandler handler : handlers) {
      GrantHandler previous = found.put(handler.grantType(), handler);
      if (previous != null) {
        throw new IllegalStateException(
            "Two grant handlers serve " + handler.grantType() + ": " + previous + ", " + handler);
      }
    }
    this.byType = Map.copyOf(found);
  }

  public Optional<GrantHandler> forType(String grantType) {
    return Optional.ofNullable(grantType).map(byType::get);
  }

  /** Returns the supported grant types, sorted. */
  public List<String> grantTypes() {
    return byType.keySet().stream().sorted().toList();
  }
}
