package dev.puerto.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.puerto.tools.Causes;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Sends a token request (Nimbus, over HTTPS) and turns every failure into a TokenException. */
final class TokenEndpoint {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private TokenEndpoint() {}

  static Tokens send(TokenRequest request, URI endpoint, Credentials credentials)
      throws TokenException {
    HTTPRequest http = request.toHTTPRequest();
    http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    http.setReadTimeout((int) READ_TIMEOUT.toMillis());
    HTTPResponse response;
    try {
      response = http.send();
    } catch (IOException e) {
      throw new TokenException(
          TokenException.Kind.UNREACHABLE,
          "cannot reach the OAuth2 token endpoint "
              + endpoint
              + ": "
              + Causes.rootMessage(e)
              + " (check the network, a proxy, or "
              + Setting.TOKEN_URL
              + ")");
    }
    if (response.getStatusCode() >= 500) {
      throw new TokenException(
          TokenException.Kind.UNREACHABLE,
          "the OAuth2 token endpoint "
              + endpoint
              + " failed with HTTP "
              + response.getStatusCode()
              + "; trying again later may help");
    }
    TokenResponse parsed;
    try {
      parsed = TokenResponse.parse(response);
    } catch (ParseException e) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION,
          "the OAuth2 token endpoint "
              + endpoint
              + " answered HTTP "
              + response.getStatusCode()
              + " without a token response; check "
              + Setting.TOKEN_URL
              + " and "
              + Setting.TENANT);
    }
    if (!parsed.indicatesSuccess()) {
      ErrorObject error = parsed.toErrorResponse().getErrorObject();
      throw Refusals.of(credentials, endpoint, error);
    }
    AccessTokenResponse success = parsed.toSuccessResponse();
    return success.getTokens();
  }
}
