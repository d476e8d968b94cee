package dev.puerto.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An OAuth2 access token from the user's shell command ({@code --imap-oauth2-token-command}): the
 * first line it prints, asked for at each connection so that a reconnect gets a fresh token.
 */
public final class TokenCommand implements ImapSettings.Secret {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int OUTPUT_LIMIT = 64 * 1024;

  private final String command;

  public TokenCommand(String command) {
    this.command = command;
  }

  /** Runs the command with {@code sh -c}; its stderr goes to ours. */
  @Override
  public String get() throws ImapException {
    try {
      Process process =
          new ProcessBuilder("/bin/sh", "-c", command)
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      process.getOutputStream().close();
      byte[] output = readLimited(process.getInputStream());
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failure("did not finish within " + TIMEOUT.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw failure("exited with status " + process.exitValue());
      }
      String token =
          new String(output, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      if (token.isEmpty()) {
        throw failure("printed nothing");
      }
      return token;
    } catch (IOException e) {
      throw failure("could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("was interrupted");
    }
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      if (out.size() < OUTPUT_LIMIT) {
        out.write(buffer, 0, Math.min(n, OUTPUT_LIMIT - out.size()));
      }
    }
    return out.toByteArray();
  }

  private static ImapException failure(String what) {
    return new ImapException(
        ImapException.Kind.CONFIGURATION,
        "the OAuth2 token command (--imap-oauth2-token-command) " + what);
  }
}
