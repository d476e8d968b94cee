package dev.puerto.tools;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The one way Puerto makes a thread: named, so that a thread dump or a log line says whose it is,
 * and a daemon, so that a thread left behind never keeps the process from exiting.
 */
public final class NamedThreads {
  private NamedThreads() {}

  /** Daemon threads named {@code name}. */
  public static ThreadFactory factory(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Starts {@code task} on a daemon thread named {@code name}. */
  public static Thread start(String name, Runnable task) {
    Thread thread = factory(name).newThread(task);
    thread.start();
    return thread;
  }

  /** One daemon thread named {@code name}, taking tasks in order. */
  public static ExecutorService single(String name) {
    return Executors.newSingleThreadExecutor(factory(name));
  }

  /** {@code threads} daemon threads named {@code name}. */
  public static ExecutorService pool(String name, int threads) {
    return Executors.newFixedThreadPool(threads, factory(name));
  }

  /** One daemon thread named {@code name}, for timed tasks. */
  public static ScheduledExecutorService scheduled(String name) {
    return Executors.newSingleThreadScheduledExecutor(factory(name));
  }
}
