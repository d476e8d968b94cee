package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Database URLs as users write them: JDBC, or libpq as psql takes them. */
class JdbcUrlsTest {
  @Test
  void a_libpq_url_becomes_a_jdbc_url_and_its_credentials_come_out_of_it() {
    JdbcUrls.ParsedUrl parsed =
        JdbcUrls.parse("postgresql://alice:s3cret@db.example.net:6432/dmarc?sslmode=require");

    assertThat(parsed.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example.net:6432/dmarc?sslmode=require");
    assertThat(parsed.user()).isEqualTo("alice");
    assertThat(parsed.password()).isEqualTo("s3cret");
    assertThat(parsed.toString()).doesNotContain("s3cret");
  }

  @Test
  void the_postgres_scheme_is_the_same() {
    assertThat(JdbcUrls.parse("postgres://db/dmarc").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/dmarc");
    assertThat(JdbcUrls.parse("POSTGRESQL://db").jdbcUrl()).isEqualTo("jdbc:postgresql://db/");
  }

  @Test
  void percent_encoded_credentials_and_database_names_are_decoded() {
    JdbcUrls.ParsedUrl parsed =
        JdbcUrls.parse("postgresql://me%40example.org:p%3Aw%2Fd+%C3%A9@db/my%20db");

    assertThat(parsed.user()).isEqualTo("me@example.org");
    assertThat(parsed.password()).isEqualTo("p:w/d+é");
    assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db/my+db");
  }

  @Test
  void several_hosts_ipv6_and_default_host_are_kept() {
    assertThat(
            JdbcUrls.parse("postgresql://a:5432,b:5433/x?target_session_attrs=read-write")
                .jdbcUrl())
        .isEqualTo("jdbc:postgresql://a:5432,b:5433/x?targetServerType=primary");
    assertThat(JdbcUrls.parse("postgresql://[::1]:5432/x").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5432/x");
    assertThat(JdbcUrls.parse("postgresql:///x").jdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost/x");
  }

  @Test
  void libpq_parameters_get_their_pgjdbc_names() {
    assertThat(
            JdbcUrls.parse(
                    "postgresql://db/x?application_name=dmarc&connect_timeout=5"
                        + "&options=-c%20work_mem%3D8MB&sslrootcert=/etc/ca.pem&keepalives=1")
                .jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://db/x?ApplicationName=dmarc&connectTimeout=5"
                + "&options=-c+work_mem%3D8MB&sslrootcert=%2Fetc%2Fca.pem&tcpKeepAlive=true");
  }

  @Test
  void user_and_password_parameters_come_out_of_the_url_too() {
    JdbcUrls.ParsedUrl parsed =
        JdbcUrls.parse("postgresql://db/x?user=bob&password=pw&sslmode=verify-full");

    assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db/x?sslmode=verify-full");
    assertThat(parsed.user()).isEqualTo("bob");
    assertThat(parsed.password()).isEqualTo("pw");
  }

  @Test
  void a_jdbc_url_is_kept_as_it_is() {
    JdbcUrls.ParsedUrl parsed = JdbcUrls.parse("jdbc:postgresql://db:5432/x?user=a&password=b");

    assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/x?user=a&password=b");
    assertThat(parsed.user()).isNull();
    assertThat(parsed.password()).isNull();
  }

  @Test
  void a_url_of_another_kind_is_refused_naming_the_accepted_forms_without_its_password() {
    assertThatThrownBy(() -> JdbcUrls.parse("mysql://root:hunter2@db/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the database URL (--db / PUERTO_DB_URL) must start with jdbc:postgresql://,"
                + " postgresql:// or postgres://, not 'mysql://root:***@db/x'");
    assertThatThrownBy(() -> JdbcUrls.parse("db.example.net:5432/dmarc"))
        .hasMessageContaining("must start with jdbc:postgresql://");
  }

  @Test
  void what_the_jdbc_driver_cannot_do_is_refused_with_the_reason() {
    assertThatThrownBy(() -> JdbcUrls.parse("postgresql://u:pw@%2Fvar%2Frun%2Fpostgresql/x"))
        .hasMessage(
            "the database URL 'postgresql://u:***@%2Fvar%2Frun%2Fpostgresql/x' cannot be used:"
                + " Unix-domain sockets are not supported by the JDBC driver; give a host name");
    assertThatThrownBy(() -> JdbcUrls.parse("postgresql://db/x?service=prod"))
        .hasMessageContaining("parameter 'service' has no equivalent in the JDBC driver");
    assertThatThrownBy(() -> JdbcUrls.parse("postgresql://db:99999/x"))
        .hasMessageContaining("port '99999' is not a number from 1 to 65535");
  }

  @Test
  void settings_take_the_credentials_of_a_libpq_url_over_the_separate_ones() {
    DatabaseSettings settings =
        new DatabaseSettings(
            "postgresql://alice:from-url@db/x", "bob", "from-file", Path.of("home"));

    assertThat(settings.url()).isEqualTo("jdbc:postgresql://db/x");
    assertThat(settings.user()).isEqualTo("alice");
    assertThat(settings.password()).isEqualTo("from-url");
    assertThat(settings.toString()).isEqualTo("jdbc:postgresql://db/x as alice");
    assertThat(new DatabaseSettings("postgresql://db/x", "bob", "pw", Path.of("h")).user())
        .isEqualTo("bob");
  }

  @Test
  void the_urls_options_are_taken_out_to_follow_puertos() {
    assertThat(JdbcUrls.takeOptions("jdbc:postgresql://db/x?a=1&options=-c+work_mem%3D8MB&b=2"))
        .isEqualTo(
            java.util.Map.entry("jdbc:postgresql://db/x?a=1&b=2", Optional.of("-c work_mem=8MB")));
    assertThat(JdbcUrls.takeOptions("jdbc:postgresql://db/x?options=-c+a%3D1"))
        .isEqualTo(java.util.Map.entry("jdbc:postgresql://db/x", Optional.of("-c a=1")));
    assertThat(JdbcUrls.takeOptions("jdbc:postgresql://db/x"))
        .isEqualTo(java.util.Map.entry("jdbc:postgresql://db/x", Optional.<String>empty()));
  }

  @Test
  void the_psql_url_for_a_jdbc_url_has_the_user_libpq_names_and_never_a_password() {
    assertThat(
            JdbcUrls.toLibpq(
                "jdbc:postgresql://db:5432/x?ApplicationName=dmarc&password=pw&sslmode=require"
                    + "&targetServerType=primary&loggerLevel=OFF",
                "alice"))
        .isEqualTo(
            "postgresql://alice@db:5432/x?application_name=dmarc&sslmode=require"
                + "&target_session_attrs=read-write");
    assertThat(JdbcUrls.toLibpq("jdbc:postgresql://[::1]:5432/x?user=me%40home", "ignored"))
        .isEqualTo("postgresql://me%40home@[::1]:5432/x");
    assertThat(JdbcUrls.toLibpq("jdbc:postgresql://db/x?options=-c+work_mem%3D8MB", null))
        .isEqualTo("postgresql://db/x?options=-c%20work_mem%3D8MB");
  }

  @Test
  void urls_shown_to_people_have_their_passwords_masked() {
    assertThat(JdbcUrls.redact("postgresql://alice:secret@db/x?password=again"))
        .isEqualTo("postgresql://alice:***@db/x?password=***");
  }
}
