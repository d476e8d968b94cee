package dev.puerto.unpack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Opens an mbox file: each message, named "message-N", is detected and opened as an e-mail. */
final class MboxLayer {

  private final Walk walk;

  MboxLayer(Walk walk) {
    this.walk = walk;
  }

  void unpack(PartName part, BufferedInputStream in, int depth) throws IOException {
    MboxReader reader = new MboxReader(in);
    int number = 1;
    for (InputStream message = reader.nextMessage();
        message != null;
        message = reader.nextMessage()) {
      walk.part(part.child("message-" + number++), message, depth + 1, PartRole.PAYLOAD);
    }
  }
}
