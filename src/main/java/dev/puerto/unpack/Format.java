package dev.puerto.unpack;

/** What a part's first bytes say it is. */
enum Format {
  EMPTY,
  XML,
  GZIP,
  ZIP,
  EMPTY_ZIP,
  JSON,
  EMAIL,
  MBOX,
  UNKNOWN
}
