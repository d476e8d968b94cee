package dev.puerto.generate;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The first headers of a hand-made report e-mail. The date is kept as written, since reporters send
 * it in their own zone.
 */
record MailHeaders(String from, String to, String date, String messageId) {

  /** From, To, Subject, Date and Message-ID, each followed by LF. */
  String lines(String subject) {
    return """
        From: %s
        To: %s
        Subject: %s
        Date: %s
        Message-ID: <%s>
        """
        .formatted(from, to, subject, date, messageId);
  }

  /** The message in a mailbox, its From line naming the sender's address and the date in UTC. */
  Payloads.MboxMessage inMailbox(Payload message) {
    int open = from.indexOf('<');
    String address = open < 0 ? from : from.substring(open + 1, from.indexOf('>', open));
    long sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
    return new Payloads.MboxMessage(address, sent, message);
  }
}
