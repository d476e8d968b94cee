package dev.puerto.store;

import org.jooq.exception.DataAccessException;

/**
 * The database itself failed while a run was going (unreachable, stopped answering, out of space,
 * read-only, no permission, schema missing): every further input would fail the same way, so the
 * run stops. What was committed is kept.
 */
public final class DatabaseFailedException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  DatabaseFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
