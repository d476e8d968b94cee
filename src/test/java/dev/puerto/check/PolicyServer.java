package dev.puerto.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.puerto.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real HTTPS server on loopback serving MTA-STS policy files at {@code /DOMAIN/.well-known/
 * mta-sts.txt}, with the test certificate for {@code localhost} (made by keytool at test time), and
 * fetchers that trust it.
 */
final class PolicyServer implements AutoCloseable {
  private final HttpsServer server;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);

  private PolicyServer(HttpsServer server) {
    this.server = server;
  }

  static PolicyServer start() throws Exception {
    TestCertificates certificates = TestCertificates.get();
    char[] password = certificates.serverKeyStorePassword().toCharArray();
    KeyStore keys = KeyStore.getInstance(certificates.serverKeyStore().toFile(), password);
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(keyManagers.getKeyManagers(), null, null);
    // Where the client's "localhost" goes: the certificate names localhost only.
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 16);
    https.setHttpsConfigurator(new HttpsConfigurator(ssl));
    PolicyServer server = new PolicyServer(https);
    https.setExecutor(server.workers);
    https.start();
    return server;
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI uri(String host, String domain) {
    return URI.create("https://" + host + ":" + port() + "/" + domain + "/.well-known/mta-sts.txt");
  }

  /** A fetcher that trusts the test certificate and asks this server for every domain. */
  MtaStsFetcher fetcher(Duration timeout) throws Exception {
    return new MtaStsFetcher(
        MtaStsFetcher.client(trusting(), timeout), d -> uri("localhost", d), timeout);
  }

  /** As a sender with the JDK's default trust store sees this server: self-signed, untrusted. */
  MtaStsFetcher untrustingFetcher() {
    Duration timeout = Duration.ofSeconds(10);
    return new MtaStsFetcher(
        MtaStsFetcher.client(null, timeout), d -> uri("localhost", d), timeout);
  }

  /** Trusts the certificate but asks by IP address, a name the certificate does not have. */
  MtaStsFetcher byAddressFetcher() throws Exception {
    Duration timeout = Duration.ofSeconds(10);
    String ip = InetAddress.getByName("localhost").getHostAddress();
    return new MtaStsFetcher(MtaStsFetcher.client(trusting(), timeout), d -> uri(ip, d), timeout);
  }

  private static SSLContext trusting() throws Exception {
    TestCertificates certificates = TestCertificates.get();
    KeyStore trust =
        KeyStore.getInstance(
            certificates.trustStore().toFile(), certificates.trustStorePassword().toCharArray());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, trustManagers.getTrustManagers(), null);
    return ssl;
  }

  /** Serves {@code body} for the domain with the status and Content-Type given. */
  void serve(String domain, int status, String contentType, String body) {
    handle(
        domain,
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
          }
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }

  /** A text/plain policy with status 200. */
  void policy(String domain, String body) {
    serve(domain, 200, "text/plain", body);
  }

  void redirect(String domain, URI to) {
    handle(
        domain,
        exchange -> {
          exchange.getResponseHeaders().set("Location", to.toString());
          exchange.sendResponseHeaders(301, -1);
          exchange.close();
        });
  }

  /**
   * A policy that never ends: a client that reads it unbounded never finishes (and so times out
   * instead of stopping at the limit).
   */
  void endless(String domain) {
    handle(
        domain,
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, 0);
          byte[] line = "mx: mx.example.com\r\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("version: STSv1\r\nmode: enforce\r\nmax_age: 604800\r\n".getBytes());
            while (closing.getCount() > 0) {
              out.write(line);
            }
          } catch (IOException clientGone) {
            // The client stopped reading, as it should.
          }
        });
  }

  /** Answers nothing until the server closes. */
  void stall(String domain) {
    handle(
        domain,
        exchange -> {
          try {
            closing.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private void handle(String domain, Handler handler) {
    server.createContext(
        "/" + domain + "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          handler.handle(exchange);
        });
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    workers.shutdownNow();
  }
}
