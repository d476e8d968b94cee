package dev.puerto.source;

import java.util.Objects;

/**
 * Where an input came from, as recorded with it.
 *
 * @param kind file, stdin or imap
 * @param name what a person recognises: the file path, {@code -}, or mailbox and UID
 * @param imap the message's place in an IMAP mailbox, or null (other kinds, or not known)
 */
public record Origin(Kind kind, String name, ImapPosition imap) {
  public enum Kind {
    FILE,
    STDIN,
    IMAP;

    /** The name used in the database and in messages. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Origin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (imap != null && kind != Kind.IMAP) {
      throw new IllegalArgumentException("an IMAP position goes only with kind imap");
    }
  }

  /** An origin without an IMAP position. */
  public Origin(Kind kind, String name) {
    this(kind, name, null);
  }

  /** A message in an IMAP mailbox, named by its IMAP URL (RFC 5092). */
  public static Origin of(ImapPosition imap) {
    return new Origin(Kind.IMAP, imap.url(), imap);
  }
}
