package dev.puerto.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NamedThreadsTest {
  @Test
  void threads_carry_the_name_given_and_never_keep_the_process_alive() throws Exception {
    Thread thread = NamedThreads.factory("puerto-test").newThread(() -> {});

    assertThat(thread.getName()).isEqualTo("puerto-test");
    assertThat(thread.isDaemon()).isTrue();
  }

  @Test
  void an_executor_runs_its_tasks_on_the_named_thread() throws Exception {
    ExecutorService executor = NamedThreads.single("puerto-writer");
    try {
      String name =
          executor.submit(() -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS);
      boolean daemon =
          executor.submit(() -> Thread.currentThread().isDaemon()).get(30, TimeUnit.SECONDS);

      assertThat(name).isEqualTo("puerto-writer");
      assertThat(daemon).isTrue();
    } finally {
      executor.shutdownNow();
    }
  }
}
