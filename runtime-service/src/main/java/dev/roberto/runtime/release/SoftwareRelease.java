package dev.roberto.runtime.release;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A published version of the runtime or agent software on one channel of a workspace. */
@Entity
@Table(name = "software_release")
public class SoftwareRelease extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public UUID workspaceId;

  /** {@code runtime} or {@code agent}, as {@link Component#wireName()}. */
  @Column(nullable = false)
  public String component;

  @Column(nullable = false)
  public String channel;

  @Column(nullable = false)
  public String version;

  /** Share of the workspace's runtimes, 0 to 100, that are offered this release. */
  @Column(name = "rollout_percent", nullable = false)
  public int rolloutPercent;

  public String notes;

  @Column(name = "published_by", nullable = false)
  public String publishedBy;

  @Column(name = "published_at", nullable = false)
  public Instant publishedAt;
}
