package dev.puerto.generate;

/**
 * One file of {@code reports-samples/}: what it demonstrates and what an import must do with it.
 *
 * @param file path relative to the samples folder
 * @param rejection why an import must refuse it, or null when it must import
 */
public record Sample(String file, String shows, Payload payload, String rejection) {

  static Sample imported(String file, String shows, Payload payload) {
    return new Sample(file, shows, payload, null);
  }

  static Sample rejected(String file, String shows, String rejection, Payload payload) {
    return new Sample("bad/" + file, shows, payload, rejection);
  }
}
