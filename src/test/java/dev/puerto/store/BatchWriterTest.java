package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchWriterTest {
  @Test
  void writes_run_one_at_a_time_in_the_order_submitted() {
    List<Integer> written = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    try (BatchWriter writer = new BatchWriter()) {
      for (int batch = 1; batch <= 5; batch++) {
        int number = batch;
        writer.submit(
            () -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              Thread.sleep(20);
              written.add(number);
              running.decrementAndGet();
              return null;
            });
      }
      writer.awaitPrevious();
    }
    assertThat(written).containsExactly(1, 2, 3, 4, 5);
    assertThat(mostAtOnce).hasValue(1);
  }

  @Test
  void the_caller_keeps_working_while_a_write_runs() throws Exception {
    CountDownLatch callerWorked = new CountDownLatch(1);
    AtomicBoolean sawCallerWork = new AtomicBoolean();
    try (BatchWriter writer = new BatchWriter()) {
      writer.submit(() -> sawCallerWork.getAndSet(callerWorked.await(5, TimeUnit.SECONDS)));
      callerWorked.countDown();
      writer.awaitPrevious();
    }
    assertThat(sawCallerWork).isTrue();
  }

  @Test
  void a_failed_write_is_thrown_unchanged_before_the_next_one_starts() {
    List<String> written = new CopyOnWriteArrayList<>();
    try (BatchWriter writer = new BatchWriter()) {
      writer.submit(
          () -> {
            throw new IllegalStateException("disk full");
          });

      assertThatThrownBy(() -> writer.submit(() -> written.add("next")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("disk full");
    }
    assertThat(written).isEmpty();
  }

  @Test
  void closing_waits_for_the_write_still_running() {
    AtomicInteger finished = new AtomicInteger();
    try (BatchWriter writer = new BatchWriter()) {
      writer.submit(
          () -> {
            Thread.sleep(100);
            return finished.incrementAndGet();
          });
    }
    assertThat(finished).hasValue(1);
  }
}
