package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two Puerto processes on one database never work on the same mailbox at once. */
@ExtendWith(PostgresExtension.class)
class WorkLockTest {
  private final TestDatabase testDatabase;

  WorkLockTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @Test
  void a_held_lock_is_refused_to_another_process_until_it_is_given_up() throws Exception {
    String mailbox = "imap://dmarc@mail.example:993/INBOX";
    try (Database first = testDatabase.open();
        Database second = testDatabase.open()) {
      Optional<WorkLock> held = first.tryLock(mailbox);
      assertThat(held).isPresent();

      assertThat(second.tryLock(mailbox)).isEmpty();
      try (WorkLock other = second.tryLock("imap://dmarc@mail.example:993/Other").orElseThrow()) {
        assertThat(other).isNotNull(); // another mailbox is free
      }

      held.get().close();
      try (WorkLock taken = second.tryLock(mailbox).orElseThrow()) {
        assertThat(first.tryLock(mailbox)).isEmpty();
      }
    }
  }

  @Test
  void the_lock_goes_with_the_process_that_held_it() throws Exception {
    String mailbox = "imap://dmarc@mail.example:993/Gone";
    try (Database survivor = testDatabase.open()) {
      Database dying = testDatabase.open();
      assertThat(dying.tryLock(mailbox)).isPresent();
      dying.close(); // its connections close, as when a process dies

      // The server ends the dead session a moment after its socket closes, not at once.
      assertThat(lockOnceTheServerNotices(survivor, mailbox)).isPresent();
    }
  }

  private static Optional<WorkLock> lockOnceTheServerNotices(Database database, String work)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<WorkLock> lock = database.tryLock(work);
    while (lock.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      lock = database.tryLock(work);
    }
    return lock;
  }
}
