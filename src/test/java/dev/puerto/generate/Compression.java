package dev.puerto.generate;

/** How a reporter packs its XML for an e-mail attachment. */
public enum Compression {
  GZIP(".xml.gz", "application/gzip"),
  ZIP(".zip", "application/zip");

  private final String extension;
  private final String mediaType;

  Compression(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  public String extension() {
    return extension;
  }

  public String mediaType() {
    return mediaType;
  }
}
