package dev.roberto.auth.billing;

/**
 * Why no Stripe page could be opened, in words for the billing page: the HTTP status of the page
 * that shows it, a title, what happened and what to do next.
 */
public class BillingLinkFailure extends RuntimeException {

  private final int status;
  private final String title;
  private final String hint;

  BillingLinkFailure(int status, String title, String detail, String hint) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.hint = hint;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public String hint() {
    return hint;
  }
}
