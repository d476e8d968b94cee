package dev.puerto.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Who gets in: the right user and password, and a password guesser only so often. */
class AccessTest {
  private static final String USER = "puerto";
  private static final String PASSWORD = "a-long-enough-password";

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-03-16T08:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final TestClock clock = new TestClock();
  private final Access access = new Access(USER, PASSWORD, clock);

  @Test
  void the_right_user_and_password_get_in_and_nothing_else_does() {
    assertThat(access.login(USER, PASSWORD)).isEqualTo(Access.Answer.LET_IN);
    assertThat(access.login(USER, PASSWORD + "x")).isEqualTo(Access.Answer.ASK);
    assertThat(access.login("Puerto", PASSWORD)).isEqualTo(Access.Answer.ASK);
    assertThat(access.login("", "")).isEqualTo(Access.Answer.ASK);
  }

  @Test
  void after_too_many_failures_in_a_minute_even_the_right_password_waits_until_it_has_passed() {
    for (int i = 0; i < Access.MAX_FAILURES; i++) {
      assertThat(access.login(USER, "guess-" + i)).isEqualTo(Access.Answer.ASK);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(access.login(USER, PASSWORD)).isEqualTo(Access.Answer.WAIT);
    assertThat(access.login(USER, "guess")).isEqualTo(Access.Answer.WAIT);

    // the first failure leaves the window: one more try
    clock.advance(Access.FAILURE_WINDOW.minus(Duration.ofSeconds(Access.MAX_FAILURES - 1)));
    assertThat(access.login(USER, PASSWORD)).isEqualTo(Access.Answer.LET_IN);
  }

  @Test
  void waiting_does_not_count_as_failing() {
    for (int i = 0; i < Access.MAX_FAILURES; i++) {
      access.login(USER, "guess-" + i);
    }
    for (int i = 0; i < 100; i++) {
      assertThat(access.login(USER, "guess")).isEqualTo(Access.Answer.WAIT);
    }
    clock.advance(Access.FAILURE_WINDOW);
    assertThat(access.login(USER, PASSWORD)).isEqualTo(Access.Answer.LET_IN);
  }

  @Test
  void a_session_token_is_256_random_bits_new_each_time() {
    String token = access.open();
    assertThat(token).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(access.open()).isNotEqualTo(token);
  }
}
