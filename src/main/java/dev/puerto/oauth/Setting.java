package dev.puerto.oauth;

import java.util.Locale;

/** The OAuth2 settings, each a {@code PUERTO_IMAP_OAUTH2_*} key and an option of the same name. */
public enum Setting {
  PROVIDER,
  TENANT,
  CLIENT_ID,
  CLIENT_SECRET_FILE,
  CERTIFICATE_FILE,
  PRIVATE_KEY_FILE,
  REFRESH_TOKEN_FILE,
  SERVICE_ACCOUNT_FILE,
  TOKEN_URL,
  AUTHORIZATION_URL;

  /** {@code PUERTO_IMAP_OAUTH2_CLIENT_ID}. */
  public String key() {
    return "PUERTO_IMAP_OAUTH2_" + name();
  }

  /** {@code --imap-oauth2-client-id}. */
  public String option() {
    return "--imap-oauth2-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return key();
  }
}
