package dev.puerto.source;

import dev.puerto.tools.Causes;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.iap.ConnectionException;

/**
 * Jakarta Mail's failures as {@link ImapException}s: what kind (for the exit code), what went wrong
 * in one line, and which option to check. The rules are tried in order; the first that fits
 * decides.
 */
final class ImapErrors {
  private static final String SYNTHETIC_BYE = "* BYE Jakarta Mail Exception:";

  private ImapErrors() {}

  static ImapException translate(ImapSettings settings, MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return loginRefused(settings, e);
    }
    if (e instanceof FolderNotFoundException) {
      return new ImapException(
          ImapException.Kind.CONFIGURATION,
          "folder not found on "
              + settings.server()
              + ": "
              + e.getMessage()
              + " (check --imap-folder)",
          e);
    }
    String message = rootMessage(e);
    if (find(e, SSLException.class, CertificateException.class) != null
        || message.contains("STARTTLS")
        || message.contains("verify identity")) {
      return tlsFailed(settings, e, message);
    }
    if (find(e, UnknownHostException.class) != null) {
      return new ImapException(
          ImapException.Kind.UNREACHABLE,
          "unknown host " + settings.host() + " (check --imap-host)",
          e);
    }
    if (unreachable(e)) {
      return new ImapException(
          ImapException.Kind.UNREACHABLE,
          "cannot reach the IMAP server "
              + settings.server()
              + ": "
              + message
              + " (check --imap-host, --imap-port and --imap-security; messages already"
              + " committed are kept, the rest are read next time)",
          e);
    }
    return new ImapException(
        ImapException.Kind.UNREACHABLE, "IMAP error from " + settings.server() + ": " + message, e);
  }

  private static ImapException loginRefused(ImapSettings settings, MessagingException e) {
    return new ImapException(
        ImapException.Kind.LOGIN_REFUSED,
        settings.server()
            + " refused the login of "
            + settings.login().user()
            + (e.getMessage() == null ? "" : " (" + e.getMessage().strip() + ")")
            + ": check --imap-user and "
            + (settings.login().oauth2()
                ? "the OAuth2 access token (expired? wrong scope?)"
                : "the password (PUERTO_IMAP_PASSWORD or --imap-password-file)"),
        e);
  }

  /** The handshake failed: says which of the three usual causes the message points to. */
  private static ImapException tlsFailed(
      ImapSettings settings, MessagingException e, String message) {
    boolean wrongName =
        message.contains("verify identity")
            || message.contains("subject alternative names")
            || message.contains("No name matching");
    String hint =
        wrongName
            ? "the server's certificate does not name "
                + settings.host()
                + "; connect with a host name the certificate lists"
            : message.contains("STARTTLS")
                ? "the server does not offer STARTTLS; use --imap-security imaps"
                : "if the server uses a self-signed or private certificate, give it with"
                    + " --trust-store FILE (a PKCS#12 or JKS key store holding the certificate)";
    return new ImapException(
        ImapException.Kind.TLS,
        "TLS with " + settings.server() + " failed: " + message + "; " + hint,
        e);
  }

  /** Refused, timed out, or the connection broke. */
  private static boolean unreachable(MessagingException e) {
    return find(
                e,
                ConnectException.class,
                NoRouteToHostException.class,
                SocketTimeoutException.class)
            != null
        || e instanceof FolderClosedException
        || e instanceof StoreClosedException
        || find(e, IOException.class, ConnectionException.class) != null;
  }

  /** The first of {@code e} and its causes that is one of {@code types}, or null. */
  @SafeVarargs
  static Throwable find(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable cause : chain(e)) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(cause)) {
          return cause;
        }
      }
    }
    return null;
  }

  // MessagingException chains through getNextException() as well as getCause().
  private static List<Throwable> chain(Throwable e) {
    return Causes.chain(
        e,
        t ->
            t.getCause() == null && t instanceof MessagingException messaging
                ? messaging.getNextException()
                : t.getCause());
  }

  /** The innermost message in the chain, without the BYE Jakarta Mail wraps a failed read in. */
  static String rootMessage(Throwable e) {
    String message = null;
    for (Throwable cause : chain(e)) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = cause.getMessage().strip();
      }
    }
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    // A read that failed (a timeout, say) comes as a BYE that Jakarta Mail made up itself.
    return message.startsWith(SYNTHETIC_BYE)
        ? message.substring(SYNTHETIC_BYE.length()).strip()
        : message;
  }
}
