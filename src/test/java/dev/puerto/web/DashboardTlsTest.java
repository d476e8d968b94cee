package dev.puerto.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.store.Database;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.SummaryReader;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestCertificates;
import dev.puerto.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --https-keystore}: the dashboard speaks HTTPS with the key store's certificate (a
 * self-signed one for localhost, trusted by the client here), and its session cookie is Secure.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTlsTest {
  private static final String PASSWORD = "a-password-over-tls";

  private final Database database;
  private final Dashboard dashboard;
  private final URI localhost;

  DashboardTlsTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
    TestCertificates certificates = TestCertificates.get();
    dashboard =
        Dashboard.start(
            new DashboardSettings(
                "127.0.0.1",
                0,
                "puerto",
                PASSWORD,
                true,
                new DashboardSettings.Tls(
                    certificates.serverKeyStore(), certificates.serverKeyStorePassword())),
            database.dsl(),
            new Summarizer(new SummaryReader(database.dsl())),
            Clock.systemUTC());
    // the certificate names localhost
    localhost = URI.create("https://localhost:" + dashboard.url().getPort() + "/");
  }

  @AfterAll
  void stop() {
    dashboard.close();
    database.close();
  }

  @Test
  void it_answers_over_https_and_its_session_cookie_is_secure() throws Exception {
    assertThat(dashboard.url().getScheme()).isEqualTo("https");
    HttpClient client = client();

    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(localhost.resolve("/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");

    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(localhost.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=puerto&password=" + PASSWORD))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
        .contains(Access.COOKIE + "=")
        .contains("Secure")
        .contains("HttpOnly");
  }

  @Test
  void a_client_that_does_not_trust_the_certificate_cannot_connect() {
    HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    assertThatThrownBy(
            () ->
                untrusting.send(
                    HttpRequest.newBuilder(localhost.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void a_key_store_that_is_not_there_is_refused_naming_the_option() {
    assertThatThrownBy(() -> new DashboardSettings.Tls(Path.of("/nonexistent/server.p12"), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--https-keystore /nonexistent/server.p12");
  }

  private static HttpClient client() throws Exception {
    TestCertificates certificates = TestCertificates.get();
    KeyStore trust =
        KeyStore.getInstance(
            certificates.trustStore().toFile(), certificates.trustStorePassword().toCharArray());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, trustManagers.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(ssl)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }
}
