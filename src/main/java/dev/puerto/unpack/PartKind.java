package dev.puerto.unpack;

/**
 * What a part is, as its first bytes tell: a layer to open (gzip, zip, e-mail, mbox), a document
 * (XML, JSON), or nothing Puerto reads.
 */
enum PartKind {
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
