package dev.puerto.oauth;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What Puerto proves itself with, per provider. Only file names and identifiers: the secrets stay
 * in their files until a token is requested, so a rotated secret is picked up without a restart.
 */
public sealed interface Credentials {
  Provider provider();

  /** The endpoint that Puerto asks for tokens when no override is given. */
  URI defaultTokenUrl();

  /** Microsoft 365, client-credentials grant authenticated with a client secret. */
  record MicrosoftSecret(String tenant, String clientId, Path clientSecretFile)
      implements Credentials {
    public MicrosoftSecret {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecretFile, "clientSecretFile");
    }

    @Override
    public Provider provider() {
      return Provider.MICROSOFT;
    }

    @Override
    public URI defaultTokenUrl() {
      return Provider.microsoftTokenUrl(tenant);
    }
  }

  /**
   * Microsoft 365, client-credentials grant authenticated with a JWT signed by the private key of a
   * certificate uploaded to the app registration.
   */
  record MicrosoftCertificate(
      String tenant, String clientId, Path certificateFile, Path privateKeyFile)
      implements Credentials {
    public MicrosoftCertificate {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(certificateFile, "certificateFile");
      Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    }

    @Override
    public Provider provider() {
      return Provider.MICROSOFT;
    }

    @Override
    public URI defaultTokenUrl() {
      return Provider.microsoftTokenUrl(tenant);
    }
  }

  /** Google, a refresh token of an installed-app (desktop) OAuth client. */
  record GoogleRefreshToken(String clientId, Path clientSecretFile, Path refreshTokenFile)
      implements Credentials {
    public GoogleRefreshToken {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecretFile, "clientSecretFile");
      Objects.requireNonNull(refreshTokenFile, "refreshTokenFile");
    }

    @Override
    public Provider provider() {
      return Provider.GOOGLE;
    }

    @Override
    public URI defaultTokenUrl() {
      return Provider.GOOGLE_TOKEN_URL;
    }
  }

  /**
   * Google Workspace, a service account's JSON key with domain-wide delegation: the JWT bearer
   * grant with {@code sub} the mailbox's user.
   */
  record GoogleServiceAccount(Path keyFile, String user) implements Credentials {
    public GoogleServiceAccount {
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(user, "user");
    }

    @Override
    public Provider provider() {
      return Provider.GOOGLE_SERVICE_ACCOUNT;
    }

    @Override
    public URI defaultTokenUrl() {
      return Provider.GOOGLE_TOKEN_URL;
    }
  }
}
