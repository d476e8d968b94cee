package dev.puerto.unpack;

/**
 * Where a part is: its full path (layers separated by {@code '!'}) and its own name, kept apart
 * because real file names contain {@code '!'} too.
 */
record PartName(String path, String name) {

  static PartName root(String name) {
    return new PartName(name, name);
  }

  PartName child(String childName) {
    return new PartName(path + "!" + childName, childName);
  }
}
