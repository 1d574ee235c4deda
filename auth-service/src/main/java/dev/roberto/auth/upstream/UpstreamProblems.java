package dev.roberto.auth.upstream;

import dev.roberto.common.problem.ProblemException;

/** Why a sign-in through the upstream provider found no account. */
final class UpstreamProblems {

  private UpstreamProblems() {}

  static ProblemException emailMissing() {
    return new ProblemException(
        403,
        "upstream_email_missing",
        "No verified email",
        "The provider did not send a verified email address for your sign-in.",
        "Verify your email address at the provider, or sign in with your email and password.");
  }

  static ProblemException noAccount(String email) {
    return new ProblemException(
        403,
        "signup_disabled",
        "Account does not exist",
        "No account has the email "
            + email
            + ", and this control plane does not accept new"
            + " accounts.",
        "Ask an owner or admin of a workspace to add you, then sign in again.");
  }
}
