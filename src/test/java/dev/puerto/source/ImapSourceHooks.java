package dev.puerto.source;

import java.util.function.LongConsumer;

/** Lets tests outside this package make a race happen inside {@link ImapSource}. */
public final class ImapSourceHooks {
  private ImapSourceHooks() {}

  /**
   * Runs {@code hook} with each message's UID just before {@link ImapSource} fetches its body, in
   * every ImapSource of this JVM, until the returned handle is closed.
   */
  public static AutoCloseable beforeBodyFetch(LongConsumer hook) {
    ImapSource.beforeBodyFetch = hook;
    return () -> ImapSource.beforeBodyFetch = uid -> {};
  }
}
