package dev.puerto.tlsrpt;

/**
 * The limits on one report and what it has used of them so far (one instance per parse). Jackson
 * bounds each token; these bound how many tokens are kept, so that memory stays bounded whatever
 * the size of the document.
 */
final class TlsBounds {
  /** Deepest nesting of arrays and objects; a report needs 4, reporters' own fields a few more. */
  static final int MAX_NESTING_DEPTH = 32;

  /** Longest number literal, in characters: a long has 19 digits; this leaves room for 5.000. */
  static final int MAX_NUMBER_LENGTH = 40;

  /** Longest string value, in characters. */
  static final int MAX_STRING_LENGTH = 1024 * 1024;

  /** Longest field name, in characters. */
  static final int MAX_NAME_LENGTH = 1024;

  static final int MAX_POLICIES = 10_000;

  /** Failure details in the whole report, not per policy. */
  static final int MAX_FAILURE_DETAILS = 10_000;

  /** {@code policy-string} and {@code mx-host} entries in the whole report. */
  static final int MAX_LIST_ENTRIES = 100_000;

  /**
   * Characters kept in total: every string the records hold plus the text of unknown fields. The
   * counts above bound the number of objects; this bounds what they hold.
   */
  static final int MAX_KEPT_CHARACTERS = 16 * 1024 * 1024;

  private int policies;
  private int failureDetails;
  private int listEntries;
  private long keptCharacters;

  void policy() {
    if (++policies > MAX_POLICIES) {
      throw overLimit(MAX_POLICIES, "policies");
    }
  }

  void failureDetail() {
    if (++failureDetails > MAX_FAILURE_DETAILS) {
      throw overLimit(MAX_FAILURE_DETAILS, "failure-details");
    }
  }

  void listEntry() {
    if (++listEntries > MAX_LIST_ENTRIES) {
      throw overLimit(MAX_LIST_ENTRIES, "policy-string and mx-host entries");
    }
  }

  /** Accounts for {@code characters} more kept; tokens that cost nothing are charged one. */
  void keep(int characters) {
    keptCharacters += Math.max(1, characters);
    if (keptCharacters > MAX_KEPT_CHARACTERS) {
      throw overLimit(MAX_KEPT_CHARACTERS, "characters of text and unknown fields");
    }
  }

  private static TlsRejection overLimit(int limit, String what) {
    return new TlsRejection(String.format("more than %,d %s (the limit)", limit, what));
  }
}
