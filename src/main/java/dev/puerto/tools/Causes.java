package dev.puerto.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * The one place that walks an exception's causes. Every walk visits each exception once and stops
 * after {@value #MAX_DEPTH}: a chain that loops, or one built by hostile input, cannot hang it.
 */
public final class Causes {
  static final int MAX_DEPTH = 32;

  private Causes() {}

  /** {@code failure} and its causes, outermost first; empty for null. */
  public static List<Throwable> chain(Throwable failure) {
    return chain(failure, Throwable::getCause);
  }

  /**
   * {@code failure} and what {@code next} finds beneath each exception, for libraries that keep a
   * cause elsewhere (StAX's nested exception, jakarta.mail's next exception).
   */
  public static List<Throwable> chain(Throwable failure, UnaryOperator<Throwable> next) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH && seen.add(t); ) {
      chain.add(t);
      t = next.apply(t);
    }
    return chain;
  }

  /** The outermost exception in the chain that is a {@code type}. */
  public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    return find(chain(failure), type);
  }

  /** The first exception of {@code chain} that is a {@code type}. */
  public static <T extends Throwable> Optional<T> find(List<Throwable> chain, Class<T> type) {
    return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** The innermost cause: usually the one that says what really happened. */
  public static Throwable root(Throwable failure) {
    List<Throwable> chain = chain(failure);
    return chain.get(chain.size() - 1);
  }

  /** The root cause's message, or its class's simple name when it has none. */
  public static String rootMessage(Throwable failure) {
    Throwable root = root(failure);
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /**
   * What a task on another thread threw, to throw again on this one: an unchecked exception as it
   * was, an {@link Error} thrown from here, a checked exception wrapped.
   */
  public static RuntimeException rethrown(ExecutionException e) {
    return unchecked(e.getCause());
  }

  /** {@code failure} as an unchecked exception to throw; an {@link Error} is thrown from here. */
  public static RuntimeException unchecked(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(failure);
  }
}
