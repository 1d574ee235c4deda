package dev.roberto.runtime.release;

import dev.roberto.common.problem.ProblemException;
import dev.roberto.runtime.config.UpdatesConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;

/** Publishes and lists a workspace's releases, and picks the release a runtime is offered. */
@ApplicationScoped
public class ReleaseCatalog {

  private final ScriptUploads uploads;

  public ReleaseCatalog(UpdatesConfig config) {
    this.uploads = new ScriptUploads(config);
  }

  /**
   * Publishes a release after checking each script's body against its declared size and SHA-256.
   */
  public Uni<ReleaseView> publish(UUID workspaceId, PublishRelease request, String publishedBy) {
    List<ReleaseScript> scripts = uploads.decode(request.scripts());
    SoftwareRelease release = new SoftwareRelease();
    release.id = UUID.randomUUID();
    release.workspaceId = workspaceId;
    release.component = request.component().wireName();
    release.channel = request.channel();
    release.version = request.version();
    release.rolloutPercent = request.rolloutPercent() == null ? 100 : request.rolloutPercent();
    release.notes = request.notes();
    release.publishedBy = publishedBy;
    release.publishedAt = Instant.now();
    scripts.forEach(script -> script.releaseId = release.id);

    return Panache.withTransaction(
            () ->
                release
                    .persist()
                    .chain(() -> ReleaseScript.persist(scripts))
                    .map(ignored -> ReleaseView.of(release, infoOf(scripts))))
        // The same version twice, even from two requests at once: the unique constraint decides.
        .onFailure(ConstraintViolationException.class)
        .transform(e -> releaseExists(request));
  }

  /**
   * Lists the workspace's releases, newest version first, optionally of one component or channel.
   */
  public Uni<List<ReleaseView>> list(
      UUID workspaceId, Optional<Component> component, Optional<String> channel) {
    StringBuilder query = new StringBuilder("workspaceId = :workspace");
    Map<String, Object> parameters = new HashMap<>(Map.of("workspace", workspaceId));
    component.ifPresent(
        value -> {
          query.append(" and component = :component");
          parameters.put("component", value.wireName());
        });
    channel.ifPresent(
        value -> {
          query.append(" and channel = :channel");
          parameters.put("channel", value);
        });
    return Panache.withSession(
        () ->
            SoftwareRelease.<SoftwareRelease>list(query.toString(), parameters)
                .chain(releases -> withScripts(sortedNewestFirst(releases))));
  }

  /** Changes the share of runtimes a release is offered to. */
  public Uni<ReleaseView> changeRollout(UUID workspaceId, UUID releaseId, int rolloutPercent) {
    return Panache.withTransaction(
        () ->
            SoftwareRelease.<SoftwareRelease>find(
                    "id = ?1 and workspaceId = ?2", releaseId, workspaceId)
                .firstResult()
                .chain(
                    release -> {
                      if (release == null) {
                        return Uni.createFrom().failure(releaseNotFound(releaseId));
                      }
                      release.rolloutPercent = rolloutPercent;
                      return withScripts(List.of(release)).map(views -> views.get(0));
                    }));
  }

  /** Returns every release of the workspace. Runs in the caller's session. */
  public Uni<List<SoftwareRelease>> releasesOf(UUID workspaceId) {
    return SoftwareRelease.list("workspaceId", workspaceId);
  }

  /** Returns the newest release of the component's channel whose rollout includes the runtime. */
  public static Optional<SoftwareRelease> offered(
      List<SoftwareRelease> releases, Component component, String channel, UUID runtimeId) {
    return sortedNewestFirst(releases).stream()
        .filter(release -> release.component.equals(component.wireName()))
        .filter(release -> release.channel.equals(channel))
        .filter(release -> Rollout.includes(release.id, release.rolloutPercent, runtimeId))
        .findFirst();
  }

  /** Returns whether the workspace has published this version. Runs in the caller's session. */
  public Uni<Boolean> exists(
      UUID workspaceId, Component component, String channel, String version) {
    return SoftwareRelease.count(
            "workspaceId = ?1 and component = ?2 and channel = ?3 and version = ?4",
            workspaceId,
            component.wireName(),
            channel,
            version)
        .map(count -> count > 0);
  }

  /**
   * Returns the scripts' metadata of the releases, in position order. Runs in the caller's session.
   */
  public Uni<List<ScriptInfo>> scriptsOf(Collection<UUID> releaseIds) {
    if (releaseIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return ReleaseScript.find("releaseId in ?1 order by position", releaseIds)
        .project(ScriptInfo.class)
        .list();
  }

  private Uni<List<ReleaseView>> withScripts(List<SoftwareRelease> releases) {
    List<UUID> ids = releases.stream().map(release -> release.id).toList();
    return scriptsOf(ids)
        .map(
            scripts -> {
              Map<UUID, List<ScriptInfo>> byRelease =
                  scripts.stream().collect(Collectors.groupingBy(ScriptInfo::releaseId));
              List<ReleaseView> views = new ArrayList<>();
              for (SoftwareRelease release : releases) {
                views.add(ReleaseView.of(release, byRelease.getOrDefault(release.id, List.of())));
              }
              return views;
            });
  }

  private static List<SoftwareRelease> sortedNewestFirst(List<SoftwareRelease> releases) {
    Comparator<SoftwareRelease> byVersion =
        Comparator.comparing(release -> SemanticVersion.parse(release.version));
    return releases.stream().sorted(byVersion.reversed()).toList();
  }

  private static List<ScriptInfo> infoOf(List<ReleaseScript> scripts) {
    return scripts.stream()
        .map(
            script ->
                new ScriptInfo(
                    script.id,
                    script.releaseId,
                    script.position,
                    script.name,
                    script.sha256,
                    script.sizeBytes))
        .toList();
  }

  private static ProblemException releaseExists(PublishRelease request) {
    return new ProblemException(
        409,
        "release_exists",
        "Release exists",
        "The workspace already published "
            + request.component().wireName()
            + " "
            + request.version()
            + " on channel "
            + request.channel()
            + ".",
        "Publish a new version instead; a published release does not change.");
  }

  static ProblemException releaseNotFound(UUID releaseId) {
    return new ProblemException(
        404,
        "release_not_found",
        "Release not found",
        "The workspace has no release " + releaseId + ".",
        "List the releases with GET /api/runtime/releases.");
  }
}
