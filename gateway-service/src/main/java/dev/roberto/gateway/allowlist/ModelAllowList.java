package dev.roberto.gateway.allowlist;

import java.util.Set;

/**
 * The models one agent may use: the set on its allow-list, or every configured model when the agent
 * has no allow-list ({@code models} is null).
 */
public record ModelAllowList(Set<String> models) {

  public static final ModelAllowList UNRESTRICTED = new ModelAllowList(null);

  public ModelAllowList {
    models = models == null ? null : Set.copyOf(models);
  }

  public boolean restricted() {
    return models != null;
  }

  /** Returns whether the agent may name the model; whether a provider serves it is not checked. */
  public boolean permits(String model) {
    return models == null || models.contains(model);
  }
}
