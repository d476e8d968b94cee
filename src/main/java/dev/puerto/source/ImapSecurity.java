package dev.puerto.source;

/** How the connection to the IMAP server is protected. */
public enum ImapSecurity {
  /** TLS from the first byte (IMAPS), port 993. */
  IMAPS(993),
  /** Plain connection upgraded with STARTTLS, which the server must offer; port 143. */
  STARTTLS(143),
  /** No encryption at all: password and reports cross the network readable. */
  PLAIN(143);

  private final int defaultPort;

  ImapSecurity(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  public int defaultPort() {
    return defaultPort;
  }
}
