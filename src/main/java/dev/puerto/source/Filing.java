package dev.puerto.source;

import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapFolders.Destination;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files messages whose reports are committed, as configured: moved to their destination's folder
 * (MOVE, or COPY + \Deleted + EXPUNGE), flagged seen, or deleted. The folders are created the first
 * time they are needed. Another client filing the same messages meanwhile is expected, not an
 * error: each call says whether it happened.
 */
final class Filing {
  private static final Logger log = LoggerFactory.getLogger(Filing.class);

  private final ImapConnection connection;
  private final UidCommands commands;
  private final Map<Destination, Folder> targets = new EnumMap<>(Destination.class);

  Filing(ImapConnection connection, UidCommands commands) {
    this.connection = connection;
    this.commands = commands;
  }

  /**
   * Files each message in its folder, leaving out those another client (a second Puerto reading the
   * same messages) filed meanwhile: two sessions moving one message at once can both copy it, so
   * asking first keeps the target folders free of most duplicates.
   *
   * @return true when another client filed some of them: it works this folder too
   */
  boolean fileAll(Map<Destination, List<Long>> filings) throws MessagingException {
    if (filings.isEmpty()) {
      return false;
    }
    Set<Long> present = commands.present(filings.values().stream().flatMap(List::stream).toList());
    int gone = 0;
    boolean vanished = false;
    for (Map.Entry<Destination, List<Long>> filing : filings.entrySet()) {
      List<Long> still = filing.getValue().stream().filter(present::contains).toList();
      gone += filing.getValue().size() - still.size();
      if (!still.isEmpty()) {
        vanished |= file(still, filing.getKey());
      }
    }
    if (gone > 0) {
      log.info(
          "{}: {} of the messages just read were filed meanwhile by another client",
          connection.folder().getFullName(),
          gone);
    }
    return vanished || gone > 0;
  }

  /**
   * Files messages together. When the server refuses the whole set because one of them is gone
   * (another client filed it), they are filed one by one.
   *
   * @return true when one of them vanished meanwhile
   */
  private boolean file(List<Long> uids, Destination destination) throws MessagingException {
    String set = uids.stream().map(Object::toString).collect(Collectors.joining(","));
    try {
      file(set, destination);
      return false;
    } catch (MessagingException e) {
      if (uids.size() == 1 || ImapErrors.find(e, CommandFailedException.class) == null) {
        return vanished(
            uids.get(0),
            () -> {
              throw e;
            });
      }
      boolean vanished = false;
      for (long uid : uids) {
        vanished |= vanished(uid, () -> file(Long.toString(uid), destination));
      }
      return vanished;
    }
  }

  private interface UidStep {
    void run() throws MessagingException;
  }

  /**
   * Runs a command on one message; when the server refuses it because the message is gone (another
   * client filed it meanwhile), returns true instead of failing.
   */
  private boolean vanished(long uid, UidStep step) throws MessagingException {
    try {
      step.run();
      return false;
    } catch (MessagingException e) {
      if (ImapErrors.find(e, CommandFailedException.class) == null || commands.stillThere(uid)) {
        throw e;
      }
      log.info(
          "{} UID {} vanished meanwhile (another client filed it?)",
          connection.folder().getFullName(),
          uid);
      return true;
    }
  }

  // Servers ignore a UID that is gone, or refuse it (GreenMail): see file(List, Destination).
  private void file(String uidSet, Destination destination) throws MessagingException {
    AfterImport after = connection.settings().afterImport();
    if (after == AfterImport.MARK_SEEN) {
      commands.uidCommand("STORE", uidSet, null, "+FLAGS.SILENT (\\Seen)");
    } else if (after == AfterImport.DELETE && destination == Destination.PROCESSED) {
      delete(uidSet);
    } else if (connection.canMove()) {
      commands.uidCommand("MOVE", uidSet, target(destination), null);
    } else {
      commands.uidCommand("COPY", uidSet, target(destination), null);
      delete(uidSet);
    }
  }

  private void delete(String uidSet) throws MessagingException {
    commands.uidCommand("STORE", uidSet, null, "+FLAGS.SILENT (\\Deleted)");
    if (connection.canExpungeByUid()) {
      commands.uidCommand("EXPUNGE", uidSet, null, null);
    } else {
      connection.folder().expunge();
    }
  }

  /** The server's full name of the destination's folder, created the first time if missing. */
  private String target(Destination destination) throws MessagingException {
    Folder target = targets.get(destination);
    if (target == null) {
      String name = connection.settings().folders().folderFor(destination);
      target = connection.store().getFolder(connection.serverName(name));
      // Another client (a second puerto) may create it at the same moment: fine either way.
      if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES) && !target.exists()) {
        throw new MessagingException("cannot create the folder " + name);
      }
      targets.put(destination, target);
    }
    return target.getFullName();
  }
}
