package dev.puerto.source;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a message was read in an IMAP mailbox.
 *
 * @param server host:port
 * @param account the login name
 * @param folder the folder's full name on the server
 * @param uidValidity the folder's UIDVALIDITY
 * @param uid the message's UID
 * @param messageId the Message-ID without angle brackets, or null
 * @param sentAt the Date header, or null
 */
public record ImapPosition(
    String server,
    String account,
    String folder,
    long uidValidity,
    long uid,
    String messageId,
    Instant sentAt) {

  public ImapPosition {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(folder, "folder");
  }

  /**
   * The RFC 5092 IMAP URL of the message, e.g. {@code
   * imap://u@host:993/INBOX;UIDVALIDITY=1/;UID=7}.
   */
  public String url() {
    return "imap://"
        + (account.isEmpty() ? "" : escape(account) + "@")
        + server
        + "/"
        + escape(folder)
        + ";UIDVALIDITY="
        + uidValidity
        + "/;UID="
        + uid;
  }

  // Percent-encodes what would end a URL component early (RFC 5092 section 3).
  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("%@:/;?# ".indexOf(c) >= 0) {
        escaped.append('%').append(String.format("%02X", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
