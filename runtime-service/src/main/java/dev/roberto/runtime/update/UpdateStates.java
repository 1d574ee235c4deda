package dev.roberto.runtime.update;

import java.util.List;
import java.util.Set;

/** The values of {@link UpdateState#state} and the order an apply moves through them. */
public final class UpdateStates {

  public static final String UP_TO_DATE = "up_to_date";
  public static final String AVAILABLE = "available";
  public static final String APPROVED = "approved";
  public static final String DOWNLOADING = "downloading";
  public static final String APPLYING = "applying";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  /** States of an apply that the control plane accepted and the runtime has not finished. */
  public static final Set<String> IN_PROGRESS = Set.of(APPROVED, DOWNLOADING, APPLYING);

  /** States a runtime may report, in the order an apply moves through them. */
  public static final List<String> REPORTABLE = List.of(DOWNLOADING, APPLYING, SUCCEEDED, FAILED);

  private UpdateStates() {}

  /** Returns the position of an in-progress state: approved, downloading, applying. */
  static int progressRank(String state) {
    return List.of(APPROVED, DOWNLOADING, APPLYING).indexOf(state);
  }
}
