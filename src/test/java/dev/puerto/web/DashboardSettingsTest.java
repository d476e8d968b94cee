package dev.puerto.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the dashboard may listen and with which password: anything beyond loopback only with a
 * password the user chose, never a short one, and the password never in a printed settings line.
 */
class DashboardSettingsTest {
  private static final String PASSWORD = "a password of the user";
  private static final String GENERATED = "made-up-by-puerto-and-kept-in-a-file";

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "192.0.2.1", "::", "2001:db8::1", "10.0.0.1"})
  void beyond_loopback_without_a_chosen_password_is_refused_naming_the_option(String bind) {
    assertThatThrownBy(() -> new DashboardSettings(bind, 8025, "puerto", GENERATED, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--http-bind " + bind)
        .hasMessageContaining("not a loopback address")
        .hasMessageContaining("--http-password-file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "192.0.2.1", "::"})
  void beyond_loopback_with_a_chosen_password_is_allowed(String bind) {
    assertThat(new DashboardSettings(bind, 8025, "puerto", PASSWORD, true).bind()).isEqualTo(bind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "localhost"})
  void loopback_needs_no_chosen_password(String bind) {
    DashboardSettings settings = new DashboardSettings(bind, 0, "puerto", GENERATED, false);

    assertThat(settings.bind()).isEqualTo(bind);
    assertThat(settings.passwordChosen()).isFalse();
  }

  @Test
  void a_name_that_does_not_resolve_is_not_taken_for_loopback() {
    assertThatThrownBy(
            () -> new DashboardSettings("no-such-host.invalid", 0, "puerto", GENERATED, false))
        .hasMessageContaining("--http-password-file");
  }

  @Test
  void a_password_shorter_than_twelve_characters_is_refused() {
    assertThatThrownBy(() -> new DashboardSettings("127.0.0.1", 0, "puerto", "elevenchars", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--http-password-file")
        .hasMessageContaining("at least 12 characters")
        .hasMessageContaining("it has 11")
        .hasMessageNotContaining("elevenchars");
    assertThat(new DashboardSettings("127.0.0.1", 0, "puerto", "twelve chars", true).password())
        .hasSize(DashboardSettings.MIN_PASSWORD_LENGTH);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65_536, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void a_port_outside_0_to_65535_is_refused(int port) {
    assertThatThrownBy(() -> new DashboardSettings("127.0.0.1", port, "puerto", PASSWORD, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--http-port must be from 0 to 65535");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 8025, 65_535})
  void a_port_from_0_to_65535_is_allowed(int port) {
    assertThat(new DashboardSettings("127.0.0.1", port, "puerto", PASSWORD, true).port())
        .isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a:b", "line\nbreak", "tab\tbed"})
  void a_user_name_that_basic_auth_cannot_carry_is_refused(String user) {
    assertThatThrownBy(() -> new DashboardSettings("127.0.0.1", 0, user, PASSWORD, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--http-user");
  }

  @Test
  void the_settings_line_never_shows_the_password() {
    DashboardSettings settings = new DashboardSettings("0.0.0.0", 8025, "admin", PASSWORD, true);

    assertThat(settings.toString())
        .contains("0.0.0.0")
        .contains("8025")
        .contains("admin")
        .doesNotContain(PASSWORD)
        .doesNotContain("password");
  }
}
