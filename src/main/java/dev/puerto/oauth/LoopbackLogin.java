package dev.puerto.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.puerto.terminal.ControlChars;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one-time consent of an installed app (RFC 8252): Puerto listens on 127.0.0.1, prints the
 * authorisation URL (with a PKCE challenge and a state), waits for the browser to be redirected
 * back with a code, and exchanges the code for a refresh token.
 */
public final class LoopbackLogin {
  private static final String PAGE =
      "<!doctype html><meta charset=utf-8><title>Puerto</title>"
          + "<p>Puerto received the answer; you can close this tab and return to the terminal.";

  private final Credentials.GoogleRefreshToken credentials;
  private final URI authorizationUrl;
  private final Optional<URI> tokenUrl;

  public LoopbackLogin(
      Credentials.GoogleRefreshToken credentials,
      Optional<URI> authorizationUrl,
      Optional<URI> tokenUrl) {
    this.credentials = credentials;
    this.authorizationUrl = authorizationUrl.orElse(Provider.GOOGLE_AUTHORIZATION_URL);
    this.tokenUrl = tokenUrl;
  }

  /**
   * Runs the flow; returns the refresh token (the caller writes it to its file).
   *
   * @param out where the URL to open is printed
   * @param timeout how long the browser's redirect is waited for
   */
  public String run(PrintWriter out, Duration timeout) throws TokenException, InterruptedException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION, "cannot listen on 127.0.0.1: " + e.getMessage());
    }
    URI redirect = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    CompletableFuture<AuthorizationResponse> answer = new CompletableFuture<>();
    server.createContext("/", exchange -> receive(exchange, redirect, answer));
    server.start();
    try {
      CodeVerifier verifier = new CodeVerifier();
      State state = new State();
      ClientID clientId = new ClientID(credentials.clientId());
      URI url =
          new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), clientId)
              // openid as well: Google accepts it alongside mail, and OpenID Connect servers
              // (such as the one the tests run) require it in an authorisation request.
              .scope(new Scope("openid", credentials.provider().scope()))
              .redirectionURI(redirect)
              .state(state)
              .codeChallenge(verifier, CodeChallengeMethod.S256)
              // A refresh token, and a new one even if this client was consented to before.
              .customParameter("access_type", "offline")
              .customParameter("prompt", "consent")
              .endpointURI(authorizationUrl)
              .build()
              .toURI();
      out.println("Open this address in a browser on this machine and allow Puerto to read mail:");
      out.println();
      out.println("  " + url);
      out.println();
      out.println("Waiting for the browser to come back to " + redirect + " ...");
      out.flush();
      AuthorizationCode code = code(await(answer, timeout), state);
      URI endpoint = tokenUrl.orElse(credentials.defaultTokenUrl());
      Secret secret =
          new Secret(
              KeyFiles.firstLine(credentials.clientSecretFile(), Setting.CLIENT_SECRET_FILE));
      TokenRequest request =
          new TokenRequest(
              endpoint,
              new ClientSecretPost(clientId, secret),
              new AuthorizationCodeGrant(code, redirect, verifier));
      RefreshToken refresh = TokenEndpoint.send(request, endpoint, credentials).getRefreshToken();
      if (refresh == null) {
        throw new TokenException(
            TokenException.Kind.REFUSED,
            "the token endpoint "
                + endpoint
                + " returned no refresh token; remove Puerto's access in the Google account's"
                + " security settings (third-party access) and run 'puerto imap login' again");
      }
      return refresh.getValue();
    } finally {
      server.stop(0);
    }
  }

  private static void receive(
      HttpExchange exchange, URI redirect, CompletableFuture<AuthorizationResponse> answer)
      throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getRawQuery();
      if (!exchange.getRequestURI().getPath().equals("/") || query == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      try {
        answer.complete(AuthorizationResponse.parse(URI.create(redirect + "?" + query)));
      } catch (ParseException | IllegalArgumentException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(page);
      }
    }
  }

  private static AuthorizationResponse await(
      CompletableFuture<AuthorizationResponse> answer, Duration timeout)
      throws TokenException, InterruptedException {
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION,
          "no answer from the browser within "
              + timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
              + "; run 'puerto imap login' again (--wait gives more time) and open the address"
              + " it prints");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static AuthorizationCode code(AuthorizationResponse response, State state)
      throws TokenException {
    if (!state.equals(response.getState())) {
      throw new TokenException(
          TokenException.Kind.REFUSED,
          "the browser came back with another sign-in's answer (state mismatch); run 'puerto imap"
              + " login' again");
    }
    if (!response.indicatesSuccess()) {
      var error = response.toErrorResponse().getErrorObject();
      throw new TokenException(
          TokenException.Kind.REFUSED,
          "the sign-in was not allowed ("
              + ControlChars.escapeLine(String.valueOf(error.getCode()))
              + "): allow Puerto to read mail, or check that your account may use this OAuth"
              + " client (test users of an unpublished app)");
    }
    return response.toSuccessResponse().getAuthorizationCode();
  }
}
