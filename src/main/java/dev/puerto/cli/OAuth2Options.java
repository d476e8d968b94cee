package dev.puerto.cli;

import dev.puerto.oauth.AccessTokens;
import dev.puerto.oauth.Credentials;
import dev.puerto.oauth.Provider;
import dev.puerto.oauth.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of Puerto's own OAuth2 sign-in (Microsoft 365, Google), shared by {@code fetch},
 * {@code watch} and {@code imap login}. Every OAuth2 setting is checked here, in one place.
 */
final class OAuth2Options {
  /** Where {@code puerto imap login} keeps the refresh token unless told otherwise. */
  static final String DEFAULT_REFRESH_TOKEN_FILE = "oauth2-refresh-token";

  @Option(
      names = "--imap-oauth2-provider",
      paramLabel = "PROVIDER",
      description =
          "sign in with Puerto's own OAuth2 client: microsoft (client credentials), google"
              + " (refresh token from 'puerto imap login') or google-service-account (domain-wide"
              + " delegation) (env PUERTO_IMAP_OAUTH2_PROVIDER)")
  String provider;

  @Option(
      names = "--imap-oauth2-tenant",
      paramLabel = "TENANT",
      description = "Microsoft tenant id or domain (env PUERTO_IMAP_OAUTH2_TENANT)")
  String tenant;

  @Option(
      names = "--imap-oauth2-client-id",
      paramLabel = "ID",
      description = "application (client) id (env PUERTO_IMAP_OAUTH2_CLIENT_ID)")
  String clientId;

  @Option(
      names = "--imap-oauth2-client-secret-file",
      paramLabel = "FILE",
      description =
          "file whose first line is the client secret (env"
              + " PUERTO_IMAP_OAUTH2_CLIENT_SECRET_FILE)")
  String clientSecretFile;

  @Option(
      names = "--imap-oauth2-certificate-file",
      paramLabel = "FILE",
      description =
          "Microsoft: PEM certificate uploaded to the app registration, instead of a client"
              + " secret (env PUERTO_IMAP_OAUTH2_CERTIFICATE_FILE)")
  String certificateFile;

  @Option(
      names = "--imap-oauth2-private-key-file",
      paramLabel = "FILE",
      description =
          "its unencrypted PKCS#8 PEM private key (env PUERTO_IMAP_OAUTH2_PRIVATE_KEY_FILE)")
  String privateKeyFile;

  @Option(
      names = "--imap-oauth2-refresh-token-file",
      paramLabel = "FILE",
      description =
          "Google: the refresh token 'puerto imap login' wrote (env"
              + " PUERTO_IMAP_OAUTH2_REFRESH_TOKEN_FILE; default PUERTO_HOME/oauth2-refresh-token)")
  String refreshTokenFile;

  @Option(
      names = "--imap-oauth2-service-account-file",
      paramLabel = "FILE",
      description =
          "Google: a service account's JSON key (env PUERTO_IMAP_OAUTH2_SERVICE_ACCOUNT_FILE)")
  String serviceAccountFile;

  @Option(
      names = "--imap-oauth2-token-url",
      paramLabel = "URL",
      description =
          "token endpoint instead of the provider's, e.g. a sovereign cloud's (env"
              + " PUERTO_IMAP_OAUTH2_TOKEN_URL)")
  String tokenUrl;

  @Option(
      names = "--imap-oauth2-authorization-url",
      paramLabel = "URL",
      description =
          "authorisation endpoint for 'puerto imap login' instead of Google's (env"
              + " PUERTO_IMAP_OAUTH2_AUTHORIZATION_URL)")
  String authorizationUrl;

  /** True when a provider is named: Puerto signs in itself. */
  boolean named(Config config) {
    return value(config, Setting.PROVIDER, provider).isPresent();
  }

  /** The token source for the mailbox's user, every setting checked. */
  AccessTokens tokens(Config config, String user) throws ConfigException {
    return AccessTokens.of(credentials(config, user, true), tokenUrl(config));
  }

  /**
   * The credentials the settings name.
   *
   * @param needRefreshToken false for {@code imap login}, which writes it
   */
  Credentials credentials(Config config, String user, boolean needRefreshToken)
      throws ConfigException {
    String named =
        value(config, Setting.PROVIDER, provider)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "no OAuth2 provider: give "
                            + Setting.PROVIDER.option()
                            + " or "
                            + Setting.PROVIDER
                            + " ("
                            + Provider.names()
                            + ")"));
    Provider chosen =
        Provider.named(named)
            .orElseThrow(
                () ->
                    new ConfigException(
                        Setting.PROVIDER
                            + " must be one of "
                            + Provider.names()
                            + ", not '"
                            + named
                            + "'"));
    Optional<String> secret = value(config, Setting.CLIENT_SECRET_FILE, clientSecretFile);
    Optional<String> certificate = value(config, Setting.CERTIFICATE_FILE, certificateFile);
    Optional<String> key = value(config, Setting.PRIVATE_KEY_FILE, privateKeyFile);
    Optional<String> refresh = value(config, Setting.REFRESH_TOKEN_FILE, refreshTokenFile);
    Optional<String> account = value(config, Setting.SERVICE_ACCOUNT_FILE, serviceAccountFile);
    switch (chosen) {
      case MICROSOFT -> {
        notFor(chosen, Setting.REFRESH_TOKEN_FILE, refresh);
        notFor(chosen, Setting.SERVICE_ACCOUNT_FILE, account);
        String resolvedTenant = required(config, chosen, Setting.TENANT, tenant);
        String id = required(config, chosen, Setting.CLIENT_ID, clientId);
        if (secret.isPresent() == (certificate.isPresent() || key.isPresent())) {
          throw new ConfigException(
              "provider microsoft needs either "
                  + Setting.CLIENT_SECRET_FILE
                  + " or both "
                  + Setting.CERTIFICATE_FILE
                  + " and "
                  + Setting.PRIVATE_KEY_FILE
                  + ", not both kinds");
        }
        if (secret.isPresent()) {
          return new Credentials.MicrosoftSecret(
              resolvedTenant, id, readable(Setting.CLIENT_SECRET_FILE, secret.get()));
        }
        if (certificate.isEmpty() || key.isEmpty()) {
          throw new ConfigException(
              "a Microsoft certificate needs both "
                  + Setting.CERTIFICATE_FILE
                  + " and "
                  + Setting.PRIVATE_KEY_FILE);
        }
        return new Credentials.MicrosoftCertificate(
            resolvedTenant,
            id,
            readable(Setting.CERTIFICATE_FILE, certificate.get()),
            readable(Setting.PRIVATE_KEY_FILE, key.get()));
      }
      case GOOGLE -> {
        notFor(chosen, Setting.TENANT, value(config, Setting.TENANT, tenant));
        notFor(chosen, Setting.CERTIFICATE_FILE, certificate);
        notFor(chosen, Setting.SERVICE_ACCOUNT_FILE, account);
        String id = required(config, chosen, Setting.CLIENT_ID, clientId);
        Path secretFile =
            readable(
                Setting.CLIENT_SECRET_FILE,
                secret.orElseThrow(() -> missing(chosen, Setting.CLIENT_SECRET_FILE)));
        Path tokenFile =
            refresh
                .map(Path::of)
                .orElseGet(() -> config.home(null).resolve(DEFAULT_REFRESH_TOKEN_FILE));
        if (needRefreshToken && !Files.isReadable(tokenFile)) {
          throw new ConfigException(
              "no refresh token in "
                  + tokenFile
                  + " ("
                  + Setting.REFRESH_TOKEN_FILE
                  + "): run 'puerto imap login' once to sign in to Google and write it");
        }
        return new Credentials.GoogleRefreshToken(id, secretFile, tokenFile);
      }
      case GOOGLE_SERVICE_ACCOUNT -> {
        notFor(chosen, Setting.TENANT, value(config, Setting.TENANT, tenant));
        notFor(chosen, Setting.CLIENT_SECRET_FILE, secret);
        notFor(chosen, Setting.CERTIFICATE_FILE, certificate);
        notFor(chosen, Setting.REFRESH_TOKEN_FILE, refresh);
        return new Credentials.GoogleServiceAccount(
            readable(
                Setting.SERVICE_ACCOUNT_FILE,
                account.orElseThrow(() -> missing(chosen, Setting.SERVICE_ACCOUNT_FILE))),
            user);
      }
      default -> throw new IllegalStateException(chosen.toString());
    }
  }

  /** The token endpoint override: https, or http to a loopback address only. */
  Optional<URI> tokenUrl(Config config) throws ConfigException {
    return url(config, Setting.TOKEN_URL, tokenUrl);
  }

  Optional<URI> authorizationUrl(Config config) throws ConfigException {
    return url(config, Setting.AUTHORIZATION_URL, authorizationUrl);
  }

  private static Optional<URI> url(Config config, Setting setting, String option)
      throws ConfigException {
    Optional<String> text = value(config, setting, option);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean loopback =
          "localhost".equalsIgnoreCase(uri.getHost())
              || (uri.getHost() != null && uri.getHost().startsWith("127."))
              || "[::1]".equals(uri.getHost());
      if (uri.getHost() == null
          || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
        throw new URISyntaxException(text.get(), "not https");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          setting
              + " must be an https URL (http only to a loopback address), not '"
              + text.get()
              + "'");
    }
  }

  private static Optional<String> value(Config config, Setting setting, String option) {
    return config.get(setting.key(), option);
  }

  private static String required(Config config, Provider provider, Setting setting, String option)
      throws ConfigException {
    return value(config, setting, option).orElseThrow(() -> missing(provider, setting));
  }

  private static ConfigException missing(Provider provider, Setting setting) {
    return new ConfigException(
        "provider "
            + provider.setting()
            + " needs "
            + setting
            + " (option "
            + setting.option()
            + ")");
  }

  private static void notFor(Provider provider, Setting setting, Optional<String> value)
      throws ConfigException {
    if (value.isPresent()) {
      throw new ConfigException(setting + " does not apply to provider " + provider.setting());
    }
  }

  private static Path readable(Setting setting, String file) throws ConfigException {
    Path path = Path.of(file);
    if (!Files.isReadable(path) || Files.isDirectory(path)) {
      throw new ConfigException(setting + ": no readable file " + path);
    }
    return path;
  }
}
