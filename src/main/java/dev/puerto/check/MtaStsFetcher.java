package dev.puerto.check;

import dev.puerto.tools.Causes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Fetches a domain's MTA-STS policy file over HTTPS as RFC 8461 3.3 tells senders to: no redirects
 * followed, the certificate validated, the body bounded, and a timeout on the whole.
 */
final class MtaStsFetcher {
  /** RFC 8461 3.3 suggests senders limit the policy file to 64 KiB. */
  static final int BODY_LIMIT = 64 * 1024;

  /** For the connection, and again for the whole exchange. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final Function<String, URI> location;
  private final Duration timeout;

  /**
   * @param client made by {@link #client}, so that it follows no redirect
   * @param location where a domain's policy file is
   * @param timeout for the whole exchange, the body included
   */
  MtaStsFetcher(HttpClient client, Function<String, URI> location, Duration timeout) {
    this.client = client;
    this.location = location;
    this.timeout = timeout;
  }

  /** At {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}, trusting the JDK's trust store. */
  static MtaStsFetcher standard() {
    return new MtaStsFetcher(client(null, TIMEOUT), MtaStsFetcher::policyUri, TIMEOUT);
  }

  /**
   * @param ssl the trust to validate certificates with; null for the JDK's default trust store
   */
  static HttpClient client(SSLContext ssl, Duration connectTimeout) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // A sender does not follow them (RFC 8461 3.3): a redirect is a broken policy.
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    return builder.build();
  }

  static URI policyUri(String domain) {
    return URI.create("https://mta-sts." + domain + "/.well-known/mta-sts.txt");
  }

  Duration timeout() {
    return timeout;
  }

  /** How the fetch ended; only OK has a body. */
  enum Outcome {
    /** Status 200 and a body within the limit. */
    OK,
    /** Any other status, redirects included (see {@link Fetched#redirect}). */
    STATUS,
    TOO_LARGE,
    /** The server's certificate was not accepted (untrusted, expired, wrong name). */
    CERTIFICATE,
    /** Another TLS failure (handshake, protocol). */
    TLS,
    TIMEOUT,
    /** No connection (refused, unreachable, unknown host) or another I/O failure. */
    UNREACHABLE
  }

  /**
   * @param contentType the Content-Type header, null when absent or not fetched
   * @param redirect the Location header of a 3xx answer, else null
   * @param detail the underlying error's message for failures, else null
   */
  record Fetched(
      URI uri,
      Outcome outcome,
      int status,
      String contentType,
      String redirect,
      String body,
      String detail) {
    static Fetched failed(URI uri, Outcome outcome, String detail) {
      return new Fetched(uri, outcome, 0, null, null, null, detail);
    }
  }

  Fetched fetch(String domain) {
    URI uri = location.apply(domain);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(
            request,
            info ->
                info.statusCode() == 200
                    ? new BoundedBody(BODY_LIMIT)
                    : BodySubscribers.replacing(new byte[0]));
    HttpResponse<byte[]> response;
    try {
      // The request timeout ends at the headers; this one bounds a body that trickles too.
      response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return Fetched.failed(uri, Outcome.TIMEOUT, null);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return Fetched.failed(uri, Outcome.UNREACHABLE, "interrupted");
    } catch (ExecutionException e) {
      return failure(uri, e.getCause());
    }
    String contentType = response.headers().firstValue("Content-Type").orElse(null);
    if (response.statusCode() != 200) {
      String redirect =
          response.statusCode() / 100 == 3
              ? response.headers().firstValue("Location").orElse("(no Location header)")
              : null;
      return new Fetched(
          uri, Outcome.STATUS, response.statusCode(), contentType, redirect, null, null);
    }
    String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    return new Fetched(uri, Outcome.OK, 200, contentType, null, body, null);
  }

  private static Fetched failure(URI uri, Throwable failure) {
    List<Throwable> chain = Causes.chain(failure);
    String detail = Causes.rootMessage(failure);
    if (Causes.find(chain, TooLarge.class).isPresent()) {
      return Fetched.failed(uri, Outcome.TOO_LARGE, null);
    }
    if (Causes.find(chain, HttpTimeoutException.class).isPresent()) {
      return Fetched.failed(uri, Outcome.TIMEOUT, null);
    }
    // CertificateException, CertPathValidatorException, ...: the certificate, not the handshake.
    if (Causes.find(chain, java.security.cert.CertificateException.class).isPresent()
        || Causes.find(chain, java.security.cert.CertPathValidatorException.class).isPresent()
        || Causes.find(chain, java.security.cert.CertPathBuilderException.class).isPresent()) {
      return Fetched.failed(uri, Outcome.CERTIFICATE, detail);
    }
    if (Causes.find(chain, SSLException.class).isPresent()
        || Causes.find(chain, GeneralSecurityException.class).isPresent()) {
      return Fetched.failed(uri, Outcome.TLS, detail);
    }
    return Fetched.failed(uri, Outcome.UNREACHABLE, detail);
  }

  /** The body became larger than the limit; the rest was never read. */
  static final class TooLarge extends IOException {
    TooLarge(int limit) {
      super("body larger than " + limit + " bytes");
    }
  }

  /** Collects the body up to a limit, then cancels the exchange rather than read on. */
  private static final class BoundedBody implements BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + buffer.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge(limit));
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
      result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
