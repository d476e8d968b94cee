package dev.puerto.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.Binding;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * A {@code bytea} bind that the driver streams from the input's temporary copy ({@code
 * setBinaryStream} with a known length), so a 512 MiB input never sits in the heap.
 */
final class StreamedBytes {
  /** Write-only: Puerto reads raw bytes back in pieces (see {@link ReportStore#openRaw}). */
  static final DataType<RawInput> TYPE =
      SQLDataType.BLOB.asConvertedDataType(
          Binding.of(
              Converter.ofNullable(
                  byte[].class,
                  RawInput.class,
                  bytes -> {
                    throw new UnsupportedOperationException("raw bytes are read in pieces");
                  },
                  raw -> {
                    throw new UnsupportedOperationException("raw bytes are streamed");
                  }),
              sql -> sql.render().sql(sql.variable()),
              get -> {
                throw new UnsupportedOperationException("raw bytes are read in pieces");
              },
              set -> bind(set.statement(), set.index(), set.value())));

  private StreamedBytes() {}

  private static void bind(PreparedStatement statement, int index, RawInput raw) {
    try {
      InputStream gzip = raw.openGzip();
      statement.setBinaryStream(index, gzip, raw.gzipLength());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the temporary copy of the input", e);
    } catch (SQLException e) {
      throw new IllegalStateException("the driver refused a streamed bind", e);
    }
  }
}
