package dev.puerto.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void the_chain_is_the_failure_then_its_causes_outermost_first() {
    IOException root = new IOException("disk full");
    UncheckedIOException middle = new UncheckedIOException(root);
    IllegalStateException outer = new IllegalStateException("import failed", middle);

    assertThat(Causes.chain(outer)).containsExactly(outer, middle, root);
    assertThat(Causes.chain(null)).isEmpty();
  }

  @Test
  void a_chain_that_loops_is_walked_once() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);

    assertThat(Causes.chain(a)).containsExactly(a, b);
    assertThat(Causes.root(a)).isSameAs(b);
  }

  @Test
  void a_chain_deeper_than_the_bound_is_cut_there() {
    Throwable deep = new Exception("0");
    for (int i = 1; i < 1000; i++) {
      deep = new Exception(String.valueOf(i), deep);
    }

    assertThat(Causes.chain(deep)).hasSize(Causes.MAX_DEPTH);
  }

  @Test
  void find_returns_the_outermost_exception_of_the_type() {
    IOException inner = new IOException("inner");
    IOException outer = new IOException("outer", inner);
    RuntimeException wrapper = new RuntimeException(outer);

    assertThat(Causes.find(wrapper, IOException.class)).containsSame(outer);
    assertThat(Causes.find(wrapper, InterruptedException.class)).isEmpty();
  }

  @Test
  void a_library_that_keeps_its_cause_elsewhere_is_followed_by_the_given_step() {
    Exception hidden = new Exception("hidden");
    Exception holder = new Exception("holder");

    assertThat(Causes.chain(holder, t -> t == holder ? hidden : null))
        .containsExactly(holder, hidden);
  }

  @Test
  void the_root_message_is_the_innermost_message_or_its_class_name() {
    assertThat(Causes.rootMessage(new RuntimeException("outer", new IOException("refused"))))
        .isEqualTo("refused");
    assertThat(Causes.rootMessage(new RuntimeException("outer", new IOException())))
        .isEqualTo("IOException");
  }

  @Test
  void a_failure_from_another_thread_is_thrown_again_unchecked() {
    IllegalArgumentException unchecked = new IllegalArgumentException("bad");
    IOException checked = new IOException("io");
    StackOverflowError error = new StackOverflowError();

    assertThat(Causes.rethrown(new ExecutionException(unchecked))).isSameAs(unchecked);
    assertThat(Causes.rethrown(new ExecutionException(checked)))
        .isInstanceOf(IllegalStateException.class)
        .hasCause(checked);
    assertThatThrownBy(() -> Causes.rethrown(new ExecutionException(error))).isSameAs(error);
  }
}
