package dev.roberto.webhook.workspace;

import dev.roberto.webhook.config.WebhookConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Reads and changes whether a workspace requires signed deliveries. */
@ApplicationScoped
public class WorkspaceSettings {

  private final WebhookConfig config;

  public WorkspaceSettings(WebhookConfig config) {
    this.config = config;
  }

  /** The settings as the API shows them. */
  public record View(
      String workspaceId, boolean signaturesRequired, boolean requiredByDeployment) {}

  /** The body of a settings change. */
  public record Change(Boolean signaturesRequired) {}

  public Uni<View> find(String workspaceId) {
    return Panache.withSession(
        () ->
            WorkspaceWebhookSetting.<WorkspaceWebhookSetting>findById(workspaceId)
                .map(setting -> view(workspaceId, setting)));
  }

  public Uni<View> update(String workspaceId, boolean signaturesRequired, String updatedBy) {
    return Panache.withTransaction(
        () ->
            WorkspaceWebhookSetting.<WorkspaceWebhookSetting>findById(workspaceId)
                .chain(
                    held -> {
                      WorkspaceWebhookSetting setting =
                          held != null ? held : new WorkspaceWebhookSetting();
                      setting.workspaceId = workspaceId;
                      setting.signaturesRequired = signaturesRequired;
                      setting.updatedAt = Instant.now();
                      setting.updatedBy = updatedBy;
                      Log.infof(
                          "Workspace %s now %s signed usage webhooks",
                          workspaceId, signaturesRequired ? "requires" : "does not require");
                      return held != null
                          ? Uni.createFrom().item(setting)
                          : setting.<WorkspaceWebhookSetting>persist();
                    })
                .map(setting -> view(workspaceId, setting)));
  }

  private View view(String workspaceId, WorkspaceWebhookSetting setting) {
    boolean own = setting != null && setting.signaturesRequired;
    return new View(workspaceId, own, config.signatures().required());
  }
}
