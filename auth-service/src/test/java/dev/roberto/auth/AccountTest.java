package dev.roberto.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roberto.auth.account.AccountService;
import dev.roberto.auth.account.AccountView;
import dev.roberto.auth.account.Role;
import dev.roberto.auth.account.WorkspaceMembership;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountTest {

  @Inject AccountService accounts;
  @Inject TestAccounts testAccounts;

  @Test
  void bootstrapAccountSignsIn() throws Throwable {
    Optional<AccountView> account =
        VertxContextSupport.subscribeAndAwait(
            () -> accounts.authenticate(" OWNER@roberto.test ", "bootstrap-test-password"));

    assertTrue(account.isPresent());
    assertEquals("owner@roberto.test", account.get().email());
    List<WorkspaceMembership> memberships =
        VertxContextSupport.subscribeAndAwait(() -> accounts.memberships(account.get().userId()));
    assertEquals(1, memberships.size());
    assertEquals("Bootstrap workspace", memberships.get(0).workspaceName());
    assertEquals(Role.OWNER, memberships.get(0).role());
  }

  @Test
  void wrongPasswordDoesNotSignIn() throws Throwable {
    Optional<AccountView> wrongPassword =
        VertxContextSupport.subscribeAndAwait(
            () -> accounts.authenticate("owner@roberto.test", "not-the-password"));
    Optional<AccountView> unknownEmail =
        VertxContextSupport.subscribeAndAwait(
            () -> accounts.authenticate("nobody@roberto.test", "bootstrap-test-password"));

    assertTrue(wrongPassword.isEmpty());
    assertTrue(unknownEmail.isEmpty());
  }

  @Test
  void signupCreatesOwnedWorkspace() {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email", "  New.Person@Example.TEST ",
                "password", "a-long-test-password",
                "displayName", "New Person",
                "workspaceName", "Agents"))
        .when()
        .post("/api/auth/signup")
        .then()
        .statusCode(201)
        .body("account.email", equalTo("new.person@example.test"))
        .body("account.displayName", equalTo("New Person"))
        .body("workspace.workspaceName", equalTo("Agents"))
        .body("workspace.role", equalTo("owner"));
  }

  @Test
  void duplicateEmailIsConflict() {
    TestAccounts.Account existing = testAccounts.signUp("dup");

    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email",
                " " + existing.email().toUpperCase() + " ",
                "password",
                "another-long-password",
                "displayName",
                "Copy"))
        .when()
        .post("/api/auth/signup")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", equalTo("email_taken"))
        .body("hint", equalTo("Sign in with that account, or sign up with another email."));
  }

  @Test
  void signupRejectsShortPassword() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", "short@example.test", "password", "short", "displayName", "S"))
        .when()
        .post("/api/auth/signup")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", hasItem("password"));
  }

  @Test
  void ownerAddsAndListsMembers() {
    TestAccounts.Account owner = testAccounts.signUp("owner");
    TestAccounts.Account other = testAccounts.signUp("other");

    given()
        .header("Authorization", owner.bearer())
        .contentType(ContentType.JSON)
        .body(Map.of("email", other.email(), "role", "admin"))
        .when()
        .post("/api/auth/workspaces/" + owner.workspaceId() + "/members")
        .then()
        .statusCode(201)
        .body("userId", equalTo(other.userId().toString()))
        .body("role", equalTo("admin"));

    given()
        .header("Authorization", owner.bearer())
        .when()
        .get("/api/auth/workspaces/" + owner.workspaceId() + "/members")
        .then()
        .statusCode(200)
        .body("email", containsInAnyOrder(owner.email(), other.email()))
        .body("find { it.email == '" + other.email() + "' }.role", equalTo("admin"));
  }

  @Test
  void addingMemberTwiceIsConflict() {
    TestAccounts.Account owner = testAccounts.signUp("owner");
    TestAccounts.Account other = testAccounts.signUp("twice");
    addMember(owner, other.email(), "member").then().statusCode(201);

    addMember(owner, other.email(), "member")
        .then()
        .statusCode(409)
        .body("code", equalTo("already_member"));
  }

  @Test
  void addingUnknownEmailIsNotFound() {
    TestAccounts.Account owner = testAccounts.signUp("owner");

    addMember(owner, "nobody-here@example.test", "member")
        .then()
        .statusCode(404)
        .body("code", equalTo("account_not_found"));
  }

  @Test
  void memberMayNotManageMembers() {
    TestAccounts.Account owner = testAccounts.signUp("owner");
    TestAccounts.Account member = testAccounts.signUp("member");
    TestAccounts.Account third = testAccounts.signUp("third");
    addMember(owner, member.email(), "member").then().statusCode(201);
    TestAccounts.Account memberInOwnersWorkspace =
        new TestAccounts.Account(
            member.userId(),
            member.email(),
            owner.workspaceId(),
            testAccounts.tokensFor(member.userId(), owner.workspaceId()));

    addMember(memberInOwnersWorkspace, third.email(), "member")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("forbidden"));
    given()
        .header("Authorization", memberInOwnersWorkspace.bearer())
        .when()
        .get("/api/auth/workspaces/" + owner.workspaceId() + "/members")
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
  }

  @Test
  void adminMayNotAddOwner() {
    TestAccounts.Account owner = testAccounts.signUp("owner");
    TestAccounts.Account admin = testAccounts.signUp("admin");
    TestAccounts.Account third = testAccounts.signUp("third");
    addMember(owner, admin.email(), "admin").then().statusCode(201);
    TestAccounts.Account adminThere =
        new TestAccounts.Account(
            admin.userId(),
            admin.email(),
            owner.workspaceId(),
            testAccounts.tokensFor(admin.userId(), owner.workspaceId()));

    addMember(adminThere, third.email(), "owner").then().statusCode(403);
    addMember(adminThere, third.email(), "member").then().statusCode(201);
  }

  @Test
  void membersNeedToken() {
    TestAccounts.Account owner = testAccounts.signUp("owner");

    given()
        .when()
        .get("/api/auth/workspaces/" + owner.workspaceId() + "/members")
        .then()
        .statusCode(401)
        .body("code", equalTo("token_required"))
        .body("hint", equalTo("Run `roberto auth login`."));
  }

  @Test
  void workspacesListsCallersMemberships() {
    TestAccounts.Account owner = testAccounts.signUp("lister");

    given()
        .header("Authorization", owner.bearer())
        .when()
        .get("/api/auth/workspaces")
        .then()
        .statusCode(200)
        .body("workspaceId", containsInAnyOrder(owner.workspaceId().toString()))
        .body("[0].role", equalTo("owner"));
  }

  private static io.restassured.response.Response addMember(
      TestAccounts.Account caller, String email, String role) {
    return given()
        .header("Authorization", caller.bearer())
        .contentType(ContentType.JSON)
        .body(Map.of("email", email, "role", role))
        .when()
        .post("/api/auth/workspaces/" + caller.workspaceId() + "/members");
  }
}
