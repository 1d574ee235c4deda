package dev.roberto.auth;

import dev.roberto.testsupport.TestDatabase;
import io.quarkus.elytron.security.common.BcryptUtil;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Accounts written straight into the database, each with a new email, for one test. */
public final class SeededAccounts {

  public static final String PASSWORD = "correct horse battery staple";

  private SeededAccounts() {}

  /** An account and the workspaces it owns, in the order given. */
  public record TestAccount(UUID userId, String email, List<UUID> workspaceIds) {

    public UUID firstWorkspace() {
      return workspaceIds.get(0);
    }
  }

  /** Creates an account with {@link #PASSWORD} that owns one new workspace per name. */
  public static TestAccount create(String... workspaceNames) {
    UUID userId = UUID.randomUUID();
    String email = "person-" + userId + "@roberto.test";
    Timestamp now = Timestamp.from(Instant.now());
    TestDatabase.update(
        "INSERT INTO user_account (id, email, display_name, password_hash, created_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        userId,
        email,
        "Test Person",
        BcryptUtil.bcryptHash(PASSWORD),
        now);

    List<UUID> workspaceIds = new ArrayList<>();
    for (String name : workspaceNames) {
      UUID workspaceId = UUID.randomUUID();
      TestDatabase.update(
          "INSERT INTO workspace (id, name, created_at) VALUES (?, ?, ?)", workspaceId, name, now);
      TestDatabase.update(
          "INSERT INTO membership (id, workspace_id, user_id, role, created_at)"
              + " VALUES (?, ?, ?, 'owner', ?)",
          UUID.randomUUID(),
          workspaceId,
          userId,
          now);
      workspaceIds.add(workspaceId);
    }
    return new TestAccount(userId, email, workspaceIds);
  }

  /** Adds the account to the workspace with the role: owner, admin or member. */
  public static void addMember(UUID workspaceId, UUID userId, String role) {
    TestDatabase.update(
        "INSERT INTO membership (id, workspace_id, user_id, role, created_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        UUID.randomUUID(),
        workspaceId,
        userId,
        role,
        Timestamp.from(Instant.now()));
  }
}
