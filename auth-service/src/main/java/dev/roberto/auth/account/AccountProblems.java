package dev.roberto.auth.account;

import dev.roberto.common.problem.ProblemException;

/** The problems of the account feature, with their codes and hints. */
final class AccountProblems {

  private AccountProblems() {}

  static ProblemException signupDisabled() {
    return new ProblemException(
        403,
        "signup_disabled",
        "Sign-up disabled",
        "This control plane does not accept new accounts.",
        "Ask an owner or admin of a workspace to add you.");
  }

  static ProblemException emailTaken(String email) {
    return new ProblemException(
        409,
        "email_taken",
        "Email already registered",
        "An account with the email " + email + " exists.",
        "Sign in with that account, or sign up with another email.");
  }

  static ProblemException accountNotFound(String email) {
    return new ProblemException(
        404,
        "account_not_found",
        "Account not found",
        "No account has the email " + email + ".",
        "Ask the person to sign up first, then add them again.");
  }

  static ProblemException alreadyMember(String email) {
    return new ProblemException(
        409,
        "already_member",
        "Already a member",
        "The account " + email + " is a member of this workspace.",
        "List the members to see the role it has.");
  }

  static ProblemException notWorkspaceManager() {
    return new ProblemException(
        403,
        "forbidden",
        "Forbidden",
        "Only an owner or admin of the workspace may do this.",
        "Ask a workspace owner or admin for the role this needs.");
  }

  static ProblemException ownerRoleNeeded() {
    return new ProblemException(
        403,
        "forbidden",
        "Forbidden",
        "Only an owner may add another owner.",
        "Ask a workspace owner to add the account.");
  }
}
