package dev.puerto.oauth;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who issues the tokens, and so which grant, scope and default endpoints apply. */
public enum Provider {
  /** Microsoft 365 (Entra ID): client credentials, with a client secret or a certificate. */
  MICROSOFT("microsoft", "https://outlook.office365.com/.default"),
  /** Gmail or Google Workspace: a refresh token from {@code puerto imap login}. */
  GOOGLE("google", "https://mail.google.com/"),
  /** Google Workspace: a service account with domain-wide delegation, acting as the IMAP user. */
  GOOGLE_SERVICE_ACCOUNT("google-service-account", "https://mail.google.com/");

  static final URI GOOGLE_TOKEN_URL = URI.create("https://oauth2.googleapis.com/token");
  static final URI GOOGLE_AUTHORIZATION_URL =
      URI.create("https://accounts.google.com/o/oauth2/v2/auth");

  private final String setting;
  private final String scope;

  Provider(String setting, String scope) {
    this.setting = setting;
    this.scope = scope;
  }

  /** The value of PUERTO_IMAP_OAUTH2_PROVIDER that names it. */
  public String setting() {
    return setting;
  }

  /** The scope asked for: IMAP access and nothing else. */
  public String scope() {
    return scope;
  }

  public static Optional<Provider> named(String value) {
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.setting.equals(wanted)).findFirst();
  }

  /** The names, for messages and help: {@code microsoft, google, google-service-account}. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Provider::setting).toList());
  }

  /** Microsoft's token endpoint of a tenant (its id or a verified domain). */
  static URI microsoftTokenUrl(String tenant) {
    return URI.create("https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token");
  }
}
