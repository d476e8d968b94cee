package dev.puerto.generate;

/**
 * One file of {@code reports-samples/}: what it demonstrates and what an import must do with it.
 *
 * @param file path relative to the samples folder
 * @param expected whether an import stores all of it, part of it, or nothing
 * @param rejection what an import must refuse and why, or null when it imports all
 */
public record Sample(
    String file, String shows, Payload payload, Expected expected, String rejection) {

  /** What an import does with a sample. */
  public enum Expected {
    IMPORTED,
    PARTIAL,
    REJECTED
  }

  static Sample imported(String file, String shows, Payload payload) {
    return new Sample(file, shows, payload, Expected.IMPORTED, null);
  }

  /** Crafted to trip a parser, yet every report in it is readable and must be stored. */
  static Sample tricky(String file, String shows, Payload payload) {
    return new Sample("tricky/" + file, shows, payload, Expected.IMPORTED, null);
  }

  static Sample rejected(String file, String shows, String rejection, Payload payload) {
    return new Sample("bad/" + file, shows, payload, Expected.REJECTED, rejection);
  }

  /** The payload's totals count only the reports that must be stored. */
  static Sample partial(String file, String shows, String rejection, Payload payload) {
    return new Sample("bad/" + file, shows, payload, Expected.PARTIAL, rejection);
  }

  /** Whether an import stores reports from it (all or some). */
  boolean stores() {
    return expected != Expected.REJECTED;
  }
}
