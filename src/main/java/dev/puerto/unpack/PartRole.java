package dev.puerto.unpack;

/** How a part came to be read, which decides what is worth a problem. */
enum PartRole {
  /** A file, attachment or archive entry: anything unusable is reported. */
  PAYLOAD,
  /** An e-mail's text body: read only if it holds a report, else ignored silently. */
  BODY_TEXT
}
