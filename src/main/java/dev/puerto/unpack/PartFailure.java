package dev.puerto.unpack;

/** A failure that already names the part it happened in, so its message can be shown as is. */
interface PartFailure {
  String path();
}
