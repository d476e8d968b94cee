package dev.puerto.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed certificate for {@code localhost}, made once per JVM with the JDK's keytool, in the
 * shapes the test servers and Puerto want: a server key store (PKCS#12, for GreenMail), the
 * certificate and its private key as PEM files (for Dovecot), and a client trust store holding the
 * certificate with a file that holds its password (Puerto's {@code --trust-store}).
 */
public final class TestCertificates {
  private static final String STORE_PASSWORD = "changeit";
  private static final String TRUST_PASSWORD = "trust-me";
  private static final String ALIAS = "imap";
  private static TestCertificates instance;

  private final Path serverKeyStore;
  private final Path certificatePem;
  private final Path privateKeyPem;
  private final Path trustStore;
  private final Path trustStorePasswordFile;

  private TestCertificates(
      Path serverKeyStore,
      Path certificatePem,
      Path privateKeyPem,
      Path trustStore,
      Path trustStorePasswordFile) {
    this.serverKeyStore = serverKeyStore;
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
    this.trustStore = trustStore;
    this.trustStorePasswordFile = trustStorePasswordFile;
  }

  public static synchronized TestCertificates get() {
    if (instance == null) {
      instance = generate();
    }
    return instance;
  }

  /** The server's key and certificate (PKCS#12), password {@link #serverKeyStorePassword()}. */
  public Path serverKeyStore() {
    return serverKeyStore;
  }

  public String serverKeyStorePassword() {
    return STORE_PASSWORD;
  }

  /** The certificate, PEM. */
  public Path certificatePem() {
    return certificatePem;
  }

  /** The server's private key, PEM (PKCS#8, unencrypted). */
  public Path privateKeyPem() {
    return privateKeyPem;
  }

  /** A trust store (PKCS#12) holding the certificate. */
  public Path trustStore() {
    return trustStore;
  }

  public String trustStorePassword() {
    return TRUST_PASSWORD;
  }

  /** A file whose first line is the trust store's password. */
  public Path trustStorePasswordFile() {
    return trustStorePasswordFile;
  }

  private static TestCertificates generate() {
    try {
      Path directory = Files.createTempDirectory("puerto-imap-tls");
      Path serverStore = directory.resolve("server.p12");
      Path certificate = directory.resolve("server.crt");
      Path trustStore = directory.resolve("trust.p12");
      keytool(
          "-genkeypair",
          "-alias",
          ALIAS,
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=localhost",
          "-ext",
          "SAN=dns:localhost",
          "-validity",
          "30",
          "-keystore",
          serverStore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          STORE_PASSWORD,
          "-keypass",
          STORE_PASSWORD);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          ALIAS,
          "-keystore",
          serverStore.toString(),
          "-storepass",
          STORE_PASSWORD,
          "-file",
          certificate.toString());
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          ALIAS,
          "-file",
          certificate.toString(),
          "-keystore",
          trustStore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          TRUST_PASSWORD);
      Path privateKey = directory.resolve("server.key");
      Files.writeString(privateKey, privateKeyPem(serverStore), StandardCharsets.US_ASCII);
      Path passwordFile = directory.resolve("trust-password");
      Files.writeString(passwordFile, TRUST_PASSWORD + "\n", StandardCharsets.UTF_8);
      return new TestCertificates(serverStore, certificate, privateKey, trustStore, passwordFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String privateKeyPem(Path serverStore) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance(serverStore.toFile(), STORE_PASSWORD.toCharArray());
      Key key = store.getKey(ALIAS, STORE_PASSWORD.toCharArray());
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the generated key store " + serverStore, e);
    }
  }

  private static void keytool(String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
