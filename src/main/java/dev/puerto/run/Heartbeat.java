package dev.puerto.run;

import dev.puerto.tools.NamedThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Watch's "still alive" line, logged every so often until closed. */
final class Heartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

  private final ScheduledExecutorService timer = NamedThreads.scheduled("heartbeat");

  private Heartbeat(Duration every, Supplier<String> status) {
    long millis = every.toMillis();
    timer.scheduleAtFixedRate(
        () -> log.info("heartbeat: {}", status.get()), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Logs {@code heartbeat: <status>} every {@code every}, the first after one interval. */
  static Heartbeat every(Duration every, Supplier<String> status) {
    return new Heartbeat(every, status);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
