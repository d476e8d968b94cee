package dev.puerto.cli;

import static dev.puerto.schema.Tables.INPUTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import dev.puerto.generate.ReportMails;
import dev.puerto.store.Database;
import dev.puerto.testing.AuthorizationServer;
import dev.puerto.testing.AuthorizationServer.Issuer;
import dev.puerto.testing.LogCapture;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.testing.TestMailServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code puerto fetch} signing in with its own OAuth2 client against a real authorisation server on
 * loopback, and GreenMail accepting only tokens that server signed (checked against its JWKS).
 */
@ExtendWith(PostgresExtension.class)
class OAuth2SignInTest {
  static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
  static final String CLIENT_SECRET = "Qx8Q~client-secret-value-never-logged";

  private final TestDatabase testDatabase;
  @TempDir Path work;
  private TestMailServer mail;
  private Database database;
  private DSLContext dsl;

  OAuth2SignInTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeEach
  void start() throws Exception {
    mail = TestMailServer.start();
    database = testDatabase.open();
    dsl = database.dsl();
    dsl.truncate(INPUTS).cascade().execute();
  }

  @AfterEach
  void stop() {
    database.close();
    mail.close();
  }

  @Test
  void microsoft_client_credentials_with_a_secret_sign_in_with_a_token_the_server_issued()
      throws Exception {
    Issuer tenant = new Issuer("contoso", Duration.ofHours(1), CLIENT_SECRET);
    try (AuthorizationServer server = AuthorizationServer.start(tenant);
        LogCapture logs = LogCapture.start()) {
      mail.acceptTokens(server.validator("contoso", CLIENT_ID));
      mail.deliver(ReportMails.samples().get(0).raw());

      CommandLineRun run = CommandLineRun.run(microsoft(server, CLIENT_SECRET), "fetch");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
      // fetch connects twice (lock check, then work): one token, kept in memory, serves both.
      assertThat(server.acceptedTokens())
          .isNotEmpty()
          .allMatch(server.acceptedTokens().get(0)::equals);
      assertThat(tenant.requests()).hasSize(1);
      assertThat(tenant.requests().get(0).getClientAuthentication())
          .isInstanceOfSatisfying(
              ClientSecretPost.class,
              post -> assertThat(post.getClientSecret().getValue()).isEqualTo(CLIENT_SECRET));
      assertThat(tenant.requests().get(0).getScope().toString())
          .isEqualTo("https://outlook.office365.com/.default");
      assertNoSecretIn(run, logs, server.acceptedTokens().get(0));
    }
  }

  @Test
  void a_wrong_client_secret_is_a_refused_login_that_names_the_setting() throws Exception {
    Issuer tenant = new Issuer("contoso", Duration.ofHours(1), CLIENT_SECRET);
    try (AuthorizationServer server = AuthorizationServer.start(tenant);
        LogCapture logs = LogCapture.start()) {
      mail.acceptTokens(server.validator("contoso", CLIENT_ID));
      mail.deliver(ReportMails.samples().get(0).raw());

      CommandLineRun run = CommandLineRun.run(microsoft(server, "an-old-secret-value"), "fetch");

      assertThat(run.exitCode()).isEqualTo(ExitCode.MAILBOX_LOGIN);
      assertThat(run.err())
          .contains("invalid_client", "PUERTO_IMAP_OAUTH2_CLIENT_SECRET_FILE")
          .containsIgnoringCase("AADSTS7000215")
          .doesNotContain("\tat ");
      assertThat(mail.count("INBOX")).isEqualTo(1);
      assertNoSecretIn(run, logs, "an-old-secret-value");
    }
  }

  @Test
  void an_unreachable_token_endpoint_is_an_unreachable_mailbox() throws Exception {
    Map<String, String> env;
    try (AuthorizationServer server =
        AuthorizationServer.start(new Issuer("contoso", Duration.ofHours(1), CLIENT_SECRET))) {
      env = microsoft(server, CLIENT_SECRET);
    } // stopped: nothing listens on its port any more

    CommandLineRun run = CommandLineRun.run(env, "fetch");

    assertThat(run.exitCode()).isEqualTo(ExitCode.MAILBOX_UNAVAILABLE);
    assertThat(run.err())
        .contains("cannot reach the OAuth2 token endpoint", "PUERTO_IMAP_OAUTH2_TOKEN_URL")
        .doesNotContain(CLIENT_SECRET);
  }

  @Test
  void microsoft_client_credentials_with_a_certificate_send_a_signed_client_assertion()
      throws Exception {
    Issuer tenant = new Issuer("contoso", Duration.ofHours(1), null);
    Path store = work.resolve("app.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-alias",
                "app",
                "-dname",
                "CN=puerto",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    KeyStore keyStore = KeyStore.getInstance(store.toFile(), "changeit".toCharArray());
    Path certificatePem = work.resolve("app.crt");
    Path privateKeyPem = work.resolve("app.key");
    Files.writeString(
        certificatePem, pem("CERTIFICATE", keyStore.getCertificate("app").getEncoded()));
    Files.writeString(
        privateKeyPem,
        pem("PRIVATE KEY", keyStore.getKey("app", "changeit".toCharArray()).getEncoded()));
    try (AuthorizationServer server = AuthorizationServer.start(tenant);
        LogCapture logs = LogCapture.start()) {
      mail.acceptTokens(server.validator("contoso", CLIENT_ID));
      mail.deliver(ReportMails.samples().get(0).raw());
      Map<String, String> env = microsoft(server, CLIENT_SECRET);
      env.remove("PUERTO_IMAP_OAUTH2_CLIENT_SECRET_FILE");
      env.put("PUERTO_IMAP_OAUTH2_CERTIFICATE_FILE", certificatePem.toString());
      env.put("PUERTO_IMAP_OAUTH2_PRIVATE_KEY_FILE", privateKeyPem.toString());

      CommandLineRun run = CommandLineRun.run(env, "fetch");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
      assertThat(server.acceptedTokens()).isNotEmpty();
      SignedJWT assertion =
          ((PrivateKeyJWT) tenant.requests().get(0).getClientAuthentication()).getClientAssertion();
      X509Certificate certificate = certificate(certificatePem);
      assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) certificate.getPublicKey())))
          .isTrue();
      assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(CLIENT_ID);
      assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(CLIENT_ID);
      assertThat(assertion.getJWTClaimsSet().getAudience())
          .containsExactly(server.tokenUrl("contoso").toString());
      assertThat(assertion.getHeader().getX509CertSHA256Thumbprint().decode())
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
      assertNoSecretIn(
          run, logs, Files.readString(privateKeyPem).lines().skip(1).findFirst().get());
    }
  }

  @Test
  void the_loopback_login_gets_a_refresh_token_and_fetch_signs_in_with_it() throws Exception {
    Issuer google = new Issuer("google", Duration.ofHours(1), CLIENT_SECRET);
    try (AuthorizationServer server = AuthorizationServer.start(google);
        LogCapture logs = LogCapture.start()) {
      // The subject of the tokens is the account signed in on the server's page.
      mail.acceptTokens(server.validator("google", TestMailServer.USER));
      mail.deliver(ReportMails.samples().get(0).raw());
      Map<String, String> env = google(server);

      // The browser: opens the printed address, signs in on the authorisation server's page
      // (prompt=consent), and follows its redirect to Puerto's loopback listener.
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      Path refreshToken = work.resolve("home").resolve("oauth2-refresh-token");
      Map<String, String> loginEnv = new HashMap<>(env);
      loginEnv.remove("PUERTO_IMAP_OAUTH2_REFRESH_TOKEN_FILE");
      loginEnv.put("PUERTO_HOME", work.resolve("home").toString());
      loginEnv.put("HOME", "/nonexistent-home-for-tests");
      // puerto imap login itself, in-process: it prints the address, then waits for the browser.
      CompletableFuture<Integer> login =
          CompletableFuture.supplyAsync(
              () ->
                  Main.run(
                      new String[] {"imap", "login", "--wait", "2m"},
                      loginEnv,
                      new ByteArrayInputStream(new byte[0]),
                      new PrintStream(printed, true, StandardCharsets.UTF_8),
                      new PrintStream(errors, true, StandardCharsets.UTF_8)));
      URI address = awaitAddress(printed, login);
      assertThat(address.getQuery())
          .contains("code_challenge_method=S256", "redirect_uri=http://127.0.0.1:");
      HttpClient browser = HttpClient.newBuilder().followRedirects(Redirect.NORMAL).build();
      HttpResponse<String> signIn =
          browser.send(HttpRequest.newBuilder(address).build(), BodyHandlers.ofString());
      assertThat(signIn.body()).as("the sign-in page").contains("<form method=\"post\"");
      HttpResponse<String> page =
          browser.send(
              HttpRequest.newBuilder(address)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(BodyPublishers.ofString("username=postmaster%40example.com"))
                  .build(),
              BodyHandlers.ofString());
      assertThat(page.statusCode()).as(page.uri() + " " + page.body()).isEqualTo(200);
      assertThat(page.body()).contains("you can close this tab");
      assertThat(login.get(60, TimeUnit.SECONDS))
          .as("%s%s", printed.toString(StandardCharsets.UTF_8), errors)
          .isZero();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("Signed in; the refresh token is in " + refreshToken + " (mode 0600).");
      assertThat(Files.getPosixFilePermissions(refreshToken))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      String issued = Files.readString(refreshToken).strip();
      assertThat(issued).isNotEmpty();
      assertThat(printed.toString(StandardCharsets.UTF_8) + errors).doesNotContain(issued);
      AuthorizationCodeGrant exchanged =
          (AuthorizationCodeGrant) google.requests().get(0).getAuthorizationGrant();
      assertThat(exchanged.getCodeVerifier()).isNotNull();

      CommandLineRun run = CommandLineRun.run(env, "fetch");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
      // A second token request, made with the refresh token (the server files it under the
      // original authorisation-code request).
      assertThat(google.requests()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(server.acceptedTokens()).isNotEmpty();
      String token = Files.readString(refreshToken).strip();
      assertNoSecretIn(run, logs, token, server.acceptedTokens().get(0));
      assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(token, CLIENT_SECRET);
    }
  }

  @Test
  void a_google_service_account_signs_a_jwt_bearer_assertion_for_the_mailbox_user()
      throws Exception {
    Issuer google = new Issuer("google", Duration.ofHours(1), null);
    try (AuthorizationServer server = AuthorizationServer.start(google);
        LogCapture logs = LogCapture.start()) {
      // The token's subject must be the IMAP user: the assertion's sub.
      mail.acceptTokens(server.validator("google", TestMailServer.USER));
      mail.deliver(ReportMails.samples().get(0).raw());
      KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(keys.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      Path key = work.resolve("service-account.json");
      new ObjectMapper()
          .writeValue(
              key.toFile(),
              Map.of(
                  "type", "service_account",
                  "client_email", "puerto@example-project.iam.gserviceaccount.com",
                  "private_key_id", "k1",
                  "private_key", pem,
                  "token_uri", server.tokenUrl("google").toString()));
      Map<String, String> env = withoutPassword();
      env.put("PUERTO_IMAP_OAUTH2_PROVIDER", "google-service-account");
      env.put("PUERTO_IMAP_OAUTH2_SERVICE_ACCOUNT_FILE", key.toString());

      CommandLineRun run = CommandLineRun.run(env, "fetch");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
      JWTBearerGrant grant = (JWTBearerGrant) google.requests().get(0).getAuthorizationGrant();
      SignedJWT assertion = (SignedJWT) grant.getJWTAssertion();
      assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
      assertThat(assertion.getJWTClaimsSet().getClaim("scope"))
          .isEqualTo("https://mail.google.com/");
      assertThat(assertion.getJWTClaimsSet().getIssuer())
          .isEqualTo("puerto@example-project.iam.gserviceaccount.com");
      assertNoSecretIn(run, logs, pem.lines().skip(1).findFirst().get());
    }
  }

  @Test
  void watch_gets_a_fresh_token_when_the_first_expired_and_keeps_importing() throws Exception {
    Issuer tenant = new Issuer("contoso", Duration.ofSeconds(15), CLIENT_SECRET);
    try (AuthorizationServer server = AuthorizationServer.start(tenant)) {
      mail.acceptTokens(server.validator("contoso", CLIENT_ID));
      mail.deliver(ReportMails.samples().get(0).raw());
      Path log = work.resolve("watch.log");
      Process watch =
          PuertoProcess.start(
              microsoft(server, CLIENT_SECRET),
              log,
              "watch",
              "--heartbeat-interval",
              "1s",
              "--idle-renewal",
              "5s");
      try {
        await(() -> mail.count("Archive/DMARC") == 1, "the first message filed", log, server);
        String first = server.acceptedTokens().get(0);
        Instant expiry = SignedJWT.parse(first).getJWTClaimsSet().getExpirationTime().toInstant();
        await(() -> Instant.now().isAfter(expiry), "the first token expired", log, server);
        mail.stopServer(); // the connection breaks; watch reconnects with backoff
        mail.startServer();
        mail.deliver(ReportMails.samples().get(1).raw());

        await(() -> mail.count("Archive/DMARC") == 2, "the second message filed", log, server);
        assertThat(server.acceptedTokens()).contains(first).anyMatch(token -> !token.equals(first));
        assertThat(tenant.requests().size()).isGreaterThanOrEqualTo(2);
        String text = Files.readString(log);
        assertThat(text).doesNotContain(CLIENT_SECRET);
        server.acceptedTokens().forEach(token -> assertThat(text).doesNotContain(token));
      } finally {
        watch.destroy();
        watch.waitFor(30, TimeUnit.SECONDS);
        watch.destroyForcibly();
      }
    }
  }

  @Test
  void settings_that_do_not_fit_the_provider_are_refused_naming_them() throws Exception {
    Map<String, String> env = withoutPassword();
    env.put("PUERTO_IMAP_OAUTH2_PROVIDER", "microsoft");
    env.put("PUERTO_IMAP_OAUTH2_TENANT", "contoso");

    CommandLineRun noClient = CommandLineRun.run(env, "fetch");
    env.put("PUERTO_IMAP_OAUTH2_CLIENT_ID", CLIENT_ID);
    CommandLineRun noSecret = CommandLineRun.run(env, "fetch");
    env.put("PUERTO_IMAP_OAUTH2_PROVIDER", "yahoo");
    CommandLineRun unknown = CommandLineRun.run(env, "fetch");

    assertThat(noClient.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noClient.err()).contains("PUERTO_IMAP_OAUTH2_CLIENT_ID");
    assertThat(noSecret.err())
        .contains("PUERTO_IMAP_OAUTH2_CLIENT_SECRET_FILE", "PUERTO_IMAP_OAUTH2_CERTIFICATE_FILE");
    assertThat(unknown.err()).contains("microsoft, google, google-service-account", "'yahoo'");
  }

  Map<String, String> microsoft(AuthorizationServer server, String secret) throws Exception {
    Map<String, String> env = withoutPassword();
    env.put("PUERTO_IMAP_OAUTH2_PROVIDER", "microsoft");
    env.put("PUERTO_IMAP_OAUTH2_TENANT", "contoso");
    env.put("PUERTO_IMAP_OAUTH2_CLIENT_ID", CLIENT_ID);
    env.put(
        "PUERTO_IMAP_OAUTH2_CLIENT_SECRET_FILE",
        Files.writeString(work.resolve("client-secret"), secret + "\n").toString());
    env.put("PUERTO_IMAP_OAUTH2_TOKEN_URL", server.tokenUrl("contoso").toString());
    return env;
  }

  Map<String, String> google(AuthorizationServer server) throws Exception {
    Map<String, String> env = withoutPassword();
    env.put("PUERTO_IMAP_OAUTH2_PROVIDER", "google");
    env.put("PUERTO_IMAP_OAUTH2_CLIENT_ID", CLIENT_ID);
    env.put(
        "PUERTO_IMAP_OAUTH2_CLIENT_SECRET_FILE",
        Files.writeString(work.resolve("client-secret"), CLIENT_SECRET + "\n").toString());
    env.put("PUERTO_IMAP_OAUTH2_TOKEN_URL", server.tokenUrl("google").toString());
    env.put("PUERTO_IMAP_OAUTH2_AUTHORIZATION_URL", server.authorizationUrl("google").toString());
    return env;
  }

  private static URI awaitAddress(ByteArrayOutputStream printed, CompletableFuture<?> login)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && !login.isDone()) {
      for (String line : printed.toString(StandardCharsets.UTF_8).lines().toList()) {
        if (line.startsWith("  http")) {
          return URI.create(line.strip());
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no address printed: " + printed.toString(StandardCharsets.UTF_8));
  }

  private static void await(
      BooleanSupplier condition, String what, Path log, AuthorizationServer server)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            what
                + " in time; tokens refused: "
                + server.rejections()
                + "; log:\n"
                + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (var in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  Map<String, String> withoutPassword() {
    Map<String, String> env = new HashMap<>(mail.environment());
    env.putAll(testDatabase.environment());
    env.remove("PUERTO_IMAP_PASSWORD");
    env.put("PUERTO_HOME", work.resolve("home").toString());
    return env;
  }

  static void assertNoSecretIn(CommandLineRun run, LogCapture logs, String... secrets) {
    for (String secret : secrets) {
      assertThat(run.out()).doesNotContain(secret);
      assertThat(run.err()).doesNotContain(secret);
      assertThat(logs.text()).doesNotContain(secret);
    }
  }
}
