package dev.puerto.arf;

import dev.puerto.parse.ReportRejectedException;
import java.io.InputStream;

/** Reads one failure report from the e-mail that carries it. */
public final class FailureReportParser {
  private final boolean keepBodies;

  /**
   * @param keepBodies keep the returned message's body ({@code --keep-failure-bodies})
   */
  public FailureReportParser(boolean keepBodies) {
    this.keepBodies = keepBodies;
  }

  /**
   * Parses the whole e-mail (its size is bounded by the caller; the parts read are bounded here).
   *
   * @param name the document, for messages (they start with it)
   * @throws ReportRejectedException when the e-mail holds nothing a failure report says
   */
  public FailureReport parse(String name, InputStream email) throws ReportRejectedException {
    throw new ReportRejectedException(
        name + ": failure reports are not read yet" + keepBodies, null);
  }
}
