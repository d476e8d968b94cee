package dev.puerto.cli;

import dev.puerto.oauth.Credentials;
import dev.puerto.oauth.LoopbackLogin;
import dev.puerto.oauth.Setting;
import dev.puerto.oauth.TokenException;
import dev.puerto.store.PrivateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "imap",
    mixinStandardHelpOptions = true,
    description = "Mailbox commands.",
    subcommands = {ImapCommand.Login.class})
final class ImapCommand {
  @ParentCommand Main main;

  @Command(
      name = "login",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Sign in to Google once (PUERTO_IMAP_OAUTH2_PROVIDER=google) and keep the refresh token.",
        "Prints an address to open in a browser on this machine, waits for Google to redirect"
            + " the browser back to 127.0.0.1, exchanges the answer (PKCE) for a refresh token"
            + " and writes it to PUERTO_IMAP_OAUTH2_REFRESH_TOKEN_FILE (default"
            + " PUERTO_HOME/oauth2-refresh-token), readable by you only. fetch and watch then"
            + " sign in with it. On a server without a browser, forward the port printed with"
            + " ssh -L PORT:127.0.0.1:PORT."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:signed in, refresh token written",
        "2:usage or configuration error, or no answer from the browser",
        "5:the sign-in or the code exchange was refused",
        "6:the token endpoint is unreachable"
      })
  static final class Login implements Callable<Integer> {
    @ParentCommand ImapCommand imap;

    @Spec CommandSpec spec;

    @Mixin OAuth2Options oauth2;

    @Option(
        names = "--wait",
        paramLabel = "DURATION",
        description = "how long the browser is waited for (default 5m)")
    String wait;

    @Override
    public Integer call() throws Exception {
      Config config = imap.main.config();
      Credentials credentials = oauth2.credentials(config, "", false);
      if (!(credentials instanceof Credentials.GoogleRefreshToken google)) {
        throw new ConfigException(
            "'puerto imap login' is for "
                + Setting.PROVIDER
                + "=google; provider "
                + credentials.provider().setting()
                + " signs in without it");
      }
      Duration timeout =
          ImapOptions.duration("--wait", Optional.ofNullable(wait), Duration.ofMinutes(5));
      PrintWriter out = spec.commandLine().getOut();
      String refreshToken;
      try {
        refreshToken =
            new LoopbackLogin(google, oauth2.authorizationUrl(config), oauth2.tokenUrl(config))
                .run(out, timeout);
      } catch (TokenException e) {
        throw ImapOptions.failure(e);
      }
      try {
        PrivateFiles.writeAtomically(google.refreshTokenFile(), refreshToken + "\n");
      } catch (IOException e) {
        throw new ConfigException(
            "cannot write the refresh token to "
                + google.refreshTokenFile()
                + " ("
                + Setting.REFRESH_TOKEN_FILE
                + "): "
                + e.getMessage(),
            e);
      }
      spec.commandLine()
          .getOut()
          .println(
              "Signed in; the refresh token is in " + google.refreshTokenFile() + " (mode 0600).");
      return ExitCode.OK;
    }
  }
}
