package dev.roberto.runtime.release;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One script of a release, with the body that runtimes download. */
@Entity
@Table(name = "release_script")
public class ReleaseScript extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "release_id", nullable = false)
  public UUID releaseId;

  /** Order in which the runtime runs the release's scripts, from 0. */
  @Column(nullable = false)
  public int position;

  @Column(nullable = false)
  public String name;

  /** Lower-case hex SHA-256 of {@link #body}. */
  @Column(nullable = false)
  public String sha256;

  @Column(name = "size_bytes", nullable = false)
  public long sizeBytes;

  /** The script itself; queries that need only the metadata project onto {@link ScriptInfo}. */
  @Column(nullable = false)
  public byte[] body;
}
