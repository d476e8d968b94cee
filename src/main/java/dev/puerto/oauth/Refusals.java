package dev.puerto.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.puerto.terminal.ControlChars;
import java.net.URI;

/**
 * What a token error response means for each kind of credentials, and what to do about it. The
 * server's own description (Entra ID's AADSTS code, Google's reason) is quoted, bounded and
 * escaped.
 */
final class Refusals {
  private static final int DESCRIPTION_LIMIT = 300;

  private Refusals() {}

  static TokenException of(Credentials credentials, URI endpoint, ErrorObject error) {
    String code = error.getCode() == null ? "" : error.getCode();
    StringBuilder message =
        new StringBuilder("the OAuth2 token endpoint ")
            .append(endpoint)
            .append(" refused the request (")
            .append(code.isEmpty() ? "HTTP " + error.getHTTPStatusCode() : quoted(code))
            .append(")");
    if (error.getDescription() != null && !error.getDescription().isBlank()) {
      message.append(": \"").append(quoted(error.getDescription())).append('"');
    }
    message.append("; ").append(advice(credentials, code));
    return new TokenException(TokenException.Kind.REFUSED, message.toString());
  }

  private static String advice(Credentials credentials, String code) {
    boolean badClient = code.equals("invalid_client") || code.equals("unauthorized_client");
    boolean badGrant = code.equals("invalid_grant");
    if (code.equals("invalid_scope")) {
      return "the scope "
          + credentials.provider().scope()
          + " was not granted to this client; check the permissions of the app registration";
    }
    if (credentials instanceof Credentials.MicrosoftSecret secret) {
      return badClient
          ? "check that "
              + Setting.CLIENT_SECRET_FILE
              + " holds the secret's value (not its id), that the secret has not expired, and"
              + " that "
              + Setting.CLIENT_ID
              + " "
              + secret.clientId()
              + " is the app registration's application (client) id"
          : "check "
              + Setting.TENANT
              + " and that the app has the IMAP.AccessAsApp application permission with admin"
              + " consent";
    }
    if (credentials instanceof Credentials.MicrosoftCertificate) {
      return badClient
          ? "check that the certificate in "
              + Setting.CERTIFICATE_FILE
              + " is uploaded to the app registration, has not expired, and matches "
              + Setting.PRIVATE_KEY_FILE
          : "check "
              + Setting.TENANT
              + " and that the app has the IMAP.AccessAsApp application permission with admin"
              + " consent";
    }
    if (credentials instanceof Credentials.GoogleRefreshToken) {
      return badGrant
          ? "the refresh token in "
              + Setting.REFRESH_TOKEN_FILE
              + " is no longer valid (consent revoked, unused for six months, or the password"
              + " changed): run 'puerto imap login' again"
          : "check "
              + Setting.CLIENT_ID
              + " and "
              + Setting.CLIENT_SECRET_FILE
              + " against the OAuth client (type Desktop app) in the Google Cloud console";
    }
    Credentials.GoogleServiceAccount account = (Credentials.GoogleServiceAccount) credentials;
    return badClient || badGrant
        ? "check that the service account's client id has domain-wide delegation for "
            + Provider.GOOGLE_SERVICE_ACCOUNT.scope()
            + " in the Workspace admin console, that "
            + account.user()
            + " exists, and that the key in "
            + Setting.SERVICE_ACCOUNT_FILE
            + " is not deleted"
        : "check the service account key in " + Setting.SERVICE_ACCOUNT_FILE;
  }

  private static String quoted(String text) {
    String line = ControlChars.escapeLine(text.strip());
    return line.length() <= DESCRIPTION_LIMIT ? line : line.substring(0, DESCRIPTION_LIMIT) + "...";
  }
}
