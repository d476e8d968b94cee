package dev.puerto.source;

import java.util.Objects;

/**
 * Where an input came from, as recorded with it.
 *
 * @param kind file, stdin or imap
 * @param name what a person recognises: the file path, {@code -}, or mailbox and UID
 */
public record Origin(Kind kind, String name) {
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
  }
}
