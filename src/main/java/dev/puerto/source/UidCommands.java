package dev.puerto.source;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The raw IMAP commands on the open folder, written out by hand rather than through Jakarta Mail's
 * message objects: each names messages by UID, never by sequence number, so a second client moving
 * messages meanwhile can never make Puerto read or move the wrong one.
 */
final class UidCommands {
  /** The largest partial fetch IMAP can express: a 32-bit number of bytes. */
  static final long MAX_PARTIAL = 0xFFFF_FFFFL;

  private final IMAPFolder folder;

  UidCommands(IMAPFolder folder) {
    this.folder = folder;
  }

  /**
   * What the batch fetch tells about one message.
   *
   * @param size its RFC822.SIZE, or -1 when the server did not say
   */
  record Header(long uid, boolean seen, String messageId, Instant sentAt, long size) {}

  /**
   * What a batch fetch gave.
   *
   * @param found the messages the server listed, in UID order
   * @param refusal the server's text when it answered NO, else null
   */
  record Headers(List<Header> found, String refusal) {}

  /**
   * What a body fetch gave.
   *
   * @param bytes the message's bytes (from the offset asked for), or null when none came
   * @param refusal the server's text when it answered NO, else null
   */
  record Fetched(byte[] bytes, String refusal) {}

  /** Also the way to end an IDLE from another thread: any command on the folder does. */
  void noop() throws MessagingException {
    folder.doCommand(
        protocol -> {
          protocol.simpleCommand("NOOP", null);
          return null;
        });
  }

  /** UIDs above {@code lastUid}, ascending ({@code UID SEARCH UID n:*}). */
  long[] uidsAfter(long lastUid) throws MessagingException {
    long[] found = uidSearch("UID " + (lastUid + 1) + ":*");
    // "n:*" always includes the highest UID, even when it is below n.
    return Arrays.stream(found).filter(uid -> uid > lastUid).sorted().toArray();
  }

  /** Those of these UIDs still in the folder, known after a NOOP (see {@link #stillThere}). */
  Set<Long> present(List<Long> uids) throws MessagingException {
    noop();
    String set = uids.stream().map(Object::toString).collect(Collectors.joining(","));
    return Arrays.stream(uidSearch("UID " + set)).boxed().collect(Collectors.toSet());
  }

  /**
   * Whether the message is still in the folder. A NOOP first makes the server report expunges by
   * other sessions that it had not told this one yet (Dovecot still lists those in a SEARCH).
   */
  boolean stillThere(long uid) throws MessagingException {
    noop();
    return Arrays.stream(uidSearch("UID " + uid)).anyMatch(found -> found == uid);
  }

  /** The UIDs that {@code UID SEARCH criteria} finds, in the server's order. */
  private long[] uidSearch(String criteria) throws MessagingException {
    return (long[])
        folder.doCommand(
            protocol -> {
              Response[] responses = protocol.command("UID SEARCH " + criteria, null);
              LongStream.Builder uids = LongStream.builder();
              for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof IMAPResponse response && response.keyEquals("SEARCH")) {
                  for (long uid = response.readLong(); uid != -1; uid = response.readLong()) {
                    uids.add(uid);
                  }
                  responses[i] = null;
                }
              }
              finish(protocol, responses);
              return uids.build().toArray();
            });
  }

  /**
   * Flags, envelopes and sizes of these messages ({@code UID FETCH (UID FLAGS ENVELOPE
   * RFC822.SIZE)}). The server may leave some out: another client moved them, or it cannot read
   * them now.
   */
  Headers headers(long[] uids) throws MessagingException {
    String set = Arrays.stream(uids).mapToObj(Long::toString).collect(Collectors.joining(","));
    return (Headers)
        folder.doCommand(
            protocol -> {
              Response[] responses =
                  protocol.command("UID FETCH " + set + " (UID FLAGS ENVELOPE RFC822.SIZE)", null);
              List<Header> found = new ArrayList<>();
              for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse fetch) {
                  UID uid = fetch.getItem(UID.class);
                  ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
                  FLAGS flags = fetch.getItem(FLAGS.class);
                  RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                  if (uid != null && envelope != null) {
                    found.add(
                        new Header(
                            uid.uid,
                            flags != null && flags.contains(Flags.Flag.SEEN),
                            messageId(envelope.messageId),
                            envelope.date == null ? null : envelope.date.toInstant(),
                            size == null ? -1 : size.size));
                  }
                  responses[i] = null;
                }
              }
              String refusal = finishUnlessNo(protocol, responses);
              found.sort(Comparator.comparingLong(Header::uid));
              return new Headers(found, refusal);
            });
  }

  /**
   * Bytes of a message from {@code offset}, at most {@code maxBytes} of them ({@code
   * BODY.PEEK[]<offset.n>}; the whole message when {@code maxBytes} is over {@link #MAX_PARTIAL}).
   */
  Fetched fetch(long uid, long offset, long maxBytes) throws MessagingException {
    String section =
        maxBytes > MAX_PARTIAL ? "BODY.PEEK[]" : "BODY.PEEK[]<" + offset + "." + maxBytes + ">";
    return (Fetched)
        folder.doCommand(
            protocol -> {
              Response[] responses =
                  protocol.command("UID FETCH " + uid + " (" + section + ")", null);
              byte[] raw = null;
              for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse fetch) {
                  UID fetched = fetch.getItem(UID.class);
                  BODY body = fetch.getItem(BODY.class);
                  // BODY[] NIL is how Dovecot answers for a message another session expunged.
                  if (fetched != null
                      && fetched.uid == uid
                      && body != null
                      && body.getByteArray() != null) {
                    raw = body.getByteArray().getNewBytes();
                  }
                  responses[i] = null;
                }
              }
              String refusal = finishUnlessNo(protocol, responses);
              return new Fetched(raw, refusal);
            });
  }

  /** {@code UID <command> <uids> <arguments>}, e.g. UID MOVE 7,9 "Archive/DMARC". */
  void uidCommand(String command, String uidSet, String mailbox, String atoms)
      throws MessagingException {
    folder.doCommand(
        protocol -> {
          Argument arguments = new Argument();
          arguments.writeAtom(uidSet);
          if (mailbox != null) {
            arguments.writeString(BASE64MailboxEncoder.encode(mailbox));
          }
          if (atoms != null) {
            arguments.writeAtom(atoms);
          }
          finish(protocol, protocol.command("UID " + command, arguments));
          return null;
        });
  }

  // Untagged responses (EXISTS, EXPUNGE) go to the folder as usual; a NO or BAD throws.
  private static void finish(IMAPProtocol protocol, Response[] responses) throws ProtocolException {
    Response result = responses[responses.length - 1];
    protocol.notifyResponseHandlers(responses);
    protocol.handleResult(result);
  }

  /**
   * As {@link #finish}, but a NO is returned (its text) instead of thrown: to a FETCH it means that
   * some of the messages are gone or unreadable, and what did come is good. BAD and BYE still
   * throw.
   */
  private static String finishUnlessNo(IMAPProtocol protocol, Response[] responses)
      throws ProtocolException {
    Response result = responses[responses.length - 1];
    protocol.notifyResponseHandlers(responses);
    if (result.isNO()) {
      String text = result.getRest();
      return text == null || text.isBlank() ? "NO" : text.strip();
    }
    protocol.handleResult(result);
    return null;
  }

  private static String messageId(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String id = header.strip();
    return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
  }
}
