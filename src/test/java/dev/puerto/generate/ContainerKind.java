package dev.puerto.generate;

import java.util.SplittableRandom;

/** The file kinds of a generated corpus and how often each occurs. */
enum ContainerKind {
  XML(10, "xml"),
  GZIP(25, "gz"),
  ZIP(20, "zip"),
  /** Several reports in one archive, as relays and archiving tools produce. */
  MULTI_ZIP(5, "zip"),
  EMAIL(40, "eml");

  private final int weight;
  private final String label;

  ContainerKind(int weight, String label) {
    this.weight = weight;
    this.label = label;
  }

  String label() {
    return label;
  }

  static ContainerKind pick(SplittableRandom random) {
    int roll = random.nextInt(100);
    for (ContainerKind kind : values()) {
      roll -= kind.weight;
      if (roll < 0) {
        return kind;
      }
    }
    throw new IllegalStateException("weights must add up to 100");
  }
}
