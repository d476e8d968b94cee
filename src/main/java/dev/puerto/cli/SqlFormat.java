package dev.puerto.cli;

/** How {@code puerto sql} prints rows. */
enum SqlFormat {
  /** Aligned columns, for people; control characters, new lines and tabs in cells escaped. */
  TABLE,
  /** RFC 4180 CSV with a header line; NULL is an empty field, an empty string {@code ""}. */
  CSV,
  /**
   * Tab-separated, in PostgreSQL's COPY text format: {@code \N} for NULL, backslash escapes for
   * backslash, tab, new line and control characters; {@code COPY ... FROM} reads it back as is.
   */
  TSV,
  /** A JSON array with one object per row, keyed by column name. */
  JSON
}
