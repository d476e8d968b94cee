package dev.puerto.unpack;

import java.util.regex.Pattern;

/**
 * Whether an e-mail's subject says it is a DMARC failure report: the only sign some reporters give
 * (Exim and others send plain text, with no ARF part and no {@code multipart/report}).
 */
final class FailureWording {
  // "DMARC Failure Report for ...", "DMARC Forensic Report ...", "[Netease DMARC Failure Report]",
  // "Report Domain: ... Auth Failure", and the German and French wordings seen in the field.
  private static final Pattern SUBJECT =
      Pattern.compile(
          "(?iu)\\bdmarc\\b.*\\b(failure|forensic|fehler|échec|echec)"
              + "|\\bforensic report\\b|\\bauth(entication)?[- ]failure\\b");

  private FailureWording() {}

  static boolean inSubject(String subject) {
    return subject != null && SUBJECT.matcher(subject).find();
  }
}
