package dev.puerto.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.store.Database;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.SummaryReader;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A password guesser over HTTP: after {@value Access#MAX_FAILURES} wrong passwords in a minute,
 * every login is answered 429 with Retry-After, the right password too, while a session opened
 * before goes on. Its own server: the failures would lock the other tests out.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleTest {
  private static final String USER = "puerto";
  private static final String PASSWORD = "the-right-password";

  private final Database database;
  private final Dashboard dashboard;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  LoginThrottleTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
    dashboard =
        Dashboard.start(
            new DashboardSettings("127.0.0.1", 0, USER, PASSWORD, true),
            database.dsl(),
            new Summarizer(new SummaryReader(database.dsl())),
            Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    dashboard.close();
    database.close();
  }

  @Test
  void after_too_many_wrong_passwords_every_login_waits_and_open_sessions_go_on() throws Exception {
    String session = formLogin(PASSWORD).headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = session.substring(0, session.indexOf(';'));

    for (int i = 0; i < Access.MAX_FAILURES; i++) {
      assertThat(get("/api/inputs", basic("guess-" + i)).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> right = get("/api/inputs", basic(PASSWORD));
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(right.body()).contains("too many failed logins");
    assertThat(formLogin(PASSWORD).statusCode()).isEqualTo(429);
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    assertThat(
            send(HttpRequest.newBuilder(dashboard.url().resolve("/api/inputs"))
                    .header("Cookie", cookie)
                    .build())
                .statusCode())
        .isEqualTo(200);
  }

  private HttpResponse<String> formLogin(String password) throws Exception {
    return send(
        HttpRequest.newBuilder(dashboard.url().resolve("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "user=" + USER + "&password=" + password + "&next=/"))
            .build());
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve(path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
