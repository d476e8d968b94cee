package dev.puerto.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A lock that says "this process works on this" (a mailbox), so that two Puerto processes on the
 * same database never work on it at once: a PostgreSQL session-level advisory lock, held on a
 * connection of its own for as long as the work lasts. Every Puerto that uses the database sees it,
 * and a process that dies gives it up with its connection.
 */
public final class WorkLock implements AutoCloseable {
  private final HikariDataSource pool;
  private final Connection connection;
  private final long key;

  private WorkLock(HikariDataSource pool, Connection connection, long key) {
    this.pool = pool;
    this.connection = connection;
    this.key = key;
  }

  static Optional<WorkLock> tryAcquire(HikariDataSource pool, DSLContext dsl, String work) {
    long key = keyOf(work);
    Connection connection = dsl.configuration().connectionProvider().acquire();
    try {
      boolean taken =
          DSL.using(connection, dsl.dialect())
              .select(DSL.field("pg_try_advisory_lock({0})", SQLDataType.BOOLEAN, DSL.val(key)))
              .fetchSingle()
              .value1();
      if (taken) {
        return Optional.of(new WorkLock(pool, connection, key));
      }
      dsl.configuration().connectionProvider().release(connection);
      return Optional.empty();
    } catch (DataAccessException e) {
      pool.evictConnection(connection);
      throw e;
    }
  }

  /**
   * Gives the lock up. The connection is closed, not returned to the pool: a session that still
   * held the lock must not live on there.
   */
  @Override
  public void close() {
    try {
      DSL.using(connection, SQLDialect.POSTGRES)
          .select(DSL.field("pg_advisory_unlock({0})", SQLDataType.BOOLEAN, DSL.val(key)))
          .fetch();
    } catch (DataAccessException lostAlready) {
      // the connection is gone, and the lock with it
    } finally {
      pool.evictConnection(connection);
      try {
        connection.close();
      } catch (SQLException ignored) {
        // evicted: the pool closes it
      }
    }
  }

  /** 64 bits of the SHA-256 of the name: advisory locks take a bigint key. */
  private static long keyOf(String work) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("puerto:" + work).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
