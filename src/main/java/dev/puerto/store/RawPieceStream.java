package dev.puerto.store;

import static dev.puerto.schema.Tables.INPUTS;

import java.io.IOException;
import java.io.InputStream;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The gzip-compressed raw bytes of one input, read from the database a piece at a time as the
 * stream is read, so a large input never sits in the heap.
 */
final class RawPieceStream extends InputStream {
  private static final int PIECE_BYTES = 1 << 20;

  private final DSLContext dsl;
  private final long inputId;
  private byte[] piece = new byte[0];
  private int position;
  private long offset;
  private boolean ended;

  RawPieceStream(DSLContext dsl, long inputId) {
    this.dsl = dsl;
    this.inputId = inputId;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int from, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position == piece.length && !nextPiece()) {
      return -1;
    }
    int n = Math.min(length, piece.length - position);
    System.arraycopy(piece, position, buffer, from, n);
    position += n;
    return n;
  }

  private boolean nextPiece() throws IOException {
    if (ended) {
      return false;
    }
    byte[] next = fetchPiece();
    offset += next.length;
    ended = next.length < PIECE_BYTES;
    piece = next;
    position = 0;
    return next.length > 0;
  }

  /** The piece at {@code offset}; a shorter one is the last. */
  private byte[] fetchPiece() throws IOException {
    try {
      // substring counts from 1; with EXTERNAL storage it reads only the pieces it needs.
      return dsl.select(
              DSL.field(
                  "substring({0} from {1} for {2})",
                  byte[].class,
                  INPUTS.RAW_GZIP,
                  DSL.val(Math.toIntExact(offset + 1)),
                  DSL.val(PIECE_BYTES)))
          .from(INPUTS)
          .where(INPUTS.ID.eq(inputId))
          .fetchOptional(0, byte[].class)
          .orElseThrow(() -> new IOException("input " + inputId + " is not recorded"));
    } catch (DataAccessException e) {
      throw DatabaseFailedException.whileDoing("reading the raw bytes of an input", e);
    }
  }
}
