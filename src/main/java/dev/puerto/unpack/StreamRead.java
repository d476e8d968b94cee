package dev.puerto.unpack;

import java.io.IOException;

/** One read or skip on a wrapped stream, so wrappers can guard all of them in one place. */
@FunctionalInterface
interface StreamRead {
  long run() throws IOException;
}
