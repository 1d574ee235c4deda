package dev.roberto.auth.account;

import dev.roberto.auth.AuthConfig;
import dev.roberto.auth.support.Blocking;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Local accounts, workspaces and memberships. Every method joins the caller's reactive session or
 * transaction when one is open, so it can run inside a larger unit of work.
 */
@ApplicationScoped
public class AccountService {

  /**
   * Checked when no account has the email, so that a wrong email costs as long as a wrong password.
   * It is the bcrypt hash of "not a password of any account" at cost 10, the cost that {@link
   * BcryptUtil#bcryptHash(String)} uses, written out because hashing it at class initialization
   * added a bcrypt run on a cold JVM (0.4 s in one measurement on 2 cores) to every start.
   */
  private static final String DUMMY_HASH =
      "$2a$10$8soqaF4dIY2g9jRKSinw7uVdL9/bKSXsN/IcpIs7TcKSS8MAavWEu";

  private static final String MEMBERSHIPS_OF_USER =
      "select w.id, w.name, m.role from Membership m, Workspace w where m.workspaceId = w.id and m.userId = ?1"
          + " order by w.name";

  private final AuthConfig config;

  public AccountService(AuthConfig config) {
    this.config = config;
  }

  /** Returns the account when the email and password match, else an empty Optional. */
  public Uni<Optional<AccountView>> authenticate(String email, String password) {
    String normalized = normalizeEmail(email);
    return Panache.withSession(() -> UserAccount.findByEmail(normalized))
        .chain(
            account -> {
              String hash = account == null ? DUMMY_HASH : account.passwordHash;
              return Blocking.onWorker(() -> password != null && BcryptUtil.matches(password, hash))
                  .map(
                      matches ->
                          account != null && matches
                              ? Optional.of(account.view())
                              : Optional.<AccountView>empty());
            });
  }

  /** Returns the workspaces of the account with its role in each, ordered by workspace name. */
  public Uni<List<WorkspaceMembership>> memberships(UUID userId) {
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createQuery(MEMBERSHIPS_OF_USER, Object[].class)
                            .setParameter(1, userId)
                            .getResultList())
                .map(rows -> rows.stream().map(AccountService::toMembership).toList()));
  }

  /** Returns the account with that id, or an empty Optional. */
  public Uni<Optional<AccountView>> find(UUID userId) {
    return Panache.withSession(() -> UserAccount.<UserAccount>findById(userId))
        .map(account -> Optional.ofNullable(account).map(UserAccount::view));
  }

  /** Returns the role of the account in the workspace, or an empty Optional for a non-member. */
  public Uni<Optional<Role>> role(UUID userId, UUID workspaceId) {
    return Panache.withSession(() -> Membership.find(workspaceId, userId))
        .map(membership -> Optional.ofNullable(membership).map(Membership::role));
  }

  /**
   * Creates an account with a workspace of its own, which it owns. Call it inside a transaction.
   *
   * @throws dev.roberto.common.problem.ProblemException {@code email_taken} when the email exists
   */
  public Uni<SignedUp> createAccount(
      String email, String password, String displayName, String workspaceName) {
    String normalized = normalizeEmail(email);
    return UserAccount.findByEmail(normalized)
        .chain(
            existing -> {
              if (existing != null) {
                throw AccountProblems.emailTaken(normalized);
              }
              return Blocking.onWorker(() -> BcryptUtil.bcryptHash(password));
            })
        .chain(hash -> persistAccount(normalized, hash, displayName, workspaceName));
  }

  /** Signs up a new account unless configuration switched sign-up off. */
  public Uni<SignedUp> signUp(
      String email, String password, String displayName, String workspaceName) {
    if (!config.signup().enabled()) {
      return Uni.createFrom().failure(AccountProblems.signupDisabled());
    }
    String workspace =
        workspaceName == null || workspaceName.isBlank()
            ? displayName.strip() + "'s workspace"
            : workspaceName.strip();
    // Two sign-ups with one email at once: the unique index rejects the second one.
    // NOTE: no test races two sign-ups, so the exception type caught here is unverified.
    return Panache.withTransaction(
            () -> createAccount(email, password, displayName.strip(), workspace))
        .onFailure(ConstraintViolationException.class)
        .transform(failure -> AccountProblems.emailTaken(normalizeEmail(email)));
  }

  /**
   * Adds an existing account to the workspace. The caller must be an owner or admin of it, and only
   * an owner may add another owner.
   */
  public Uni<Member> addMember(UUID callerId, UUID workspaceId, String email, Role role) {
    String normalized = normalizeEmail(email);
    return Panache.withTransaction(
            () ->
                requireManager(callerId, workspaceId)
                    .chain(
                        callerRole -> {
                          if (role == Role.OWNER && callerRole != Role.OWNER) {
                            throw AccountProblems.ownerRoleNeeded();
                          }
                          return UserAccount.findByEmail(normalized);
                        })
                    .chain(account -> addExisting(account, normalized, workspaceId, role)))
        .onFailure(ConstraintViolationException.class)
        .transform(failure -> AccountProblems.alreadyMember(normalized));
  }

  /** Lists the members of the workspace for one of its owners or admins. */
  public Uni<List<Member>> listMembers(UUID callerId, UUID workspaceId) {
    return Panache.withSession(
        () ->
            requireManager(callerId, workspaceId)
                .chain(
                    ignored ->
                        Panache.getSession()
                            .chain(
                                session ->
                                    session
                                        .createQuery(
                                            "select new dev.roberto.auth.account.Member(a.id,"
                                                + " a.email, a.displayName, m.role) from"
                                                + " Membership m, UserAccount a where m.userId ="
                                                + " a.id and m.workspaceId = ?1 order by a.email",
                                            Member.class)
                                        .setParameter(1, workspaceId)
                                        .getResultList())));
  }

  /** Returns the caller's role when it is owner or admin of the workspace, else fails with 403. */
  public Uni<Role> requireManager(UUID callerId, UUID workspaceId) {
    return Membership.find(workspaceId, callerId)
        .map(
            membership -> {
              if (membership == null || !membership.role().managesWorkspace()) {
                throw AccountProblems.notWorkspaceManager();
              }
              return membership.role();
            });
  }

  /** Returns the email trimmed and in lower case, as accounts store it. */
  public static String normalizeEmail(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  private Uni<Member> addExisting(UserAccount account, String email, UUID workspaceId, Role role) {
    if (account == null) {
      throw AccountProblems.accountNotFound(email);
    }
    return Membership.find(workspaceId, account.id)
        .chain(
            existing -> {
              if (existing != null) {
                throw AccountProblems.alreadyMember(email);
              }
              Log.infof("Adding account %s to workspace %s as %s", account.id, workspaceId, role);
              return Membership.of(workspaceId, account.id, role)
                  .persist()
                  .replaceWith(new Member(account.id, account.email, account.displayName, role));
            });
  }

  private Uni<SignedUp> persistAccount(
      String email, String passwordHash, String displayName, String workspaceName) {
    Instant now = Instant.now();
    UserAccount account = new UserAccount();
    account.id = UUID.randomUUID();
    account.email = email;
    account.displayName = displayName;
    account.passwordHash = passwordHash;
    account.createdAt = now;
    Workspace workspace = new Workspace();
    workspace.id = UUID.randomUUID();
    workspace.name = workspaceName;
    workspace.createdAt = now;

    return account
        .persist()
        .chain(workspace::persist)
        .chain(() -> Membership.of(workspace.id, account.id, Role.OWNER).persist())
        .chain(() -> Panache.flush())
        .invoke(() -> Log.infof("Created account %s with workspace %s", account.id, workspace.id))
        .replaceWith(
            new SignedUp(
                account.view(), new WorkspaceMembership(workspace.id, workspace.name, Role.OWNER)));
  }

  private static WorkspaceMembership toMembership(Object[] row) {
    return new WorkspaceMembership((UUID) row[0], (String) row[1], Role.fromClaim((String) row[2]));
  }

  /** A new account and the workspace it owns. */
  public record SignedUp(AccountView account, WorkspaceMembership workspace) {}
}
