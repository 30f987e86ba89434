package dev.yocho.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yocho.scoring.testing.CliRun;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --tls-keystore}: the API over HTTPS with Jetty's TLS and a real keystore made by the
 * JDK's keytool; a client that trusts the certificate gets answers, plain HTTP gets none, and a
 * wrong password is one line before anything is loaded.
 */
class TlsTest {
  @TempDir Path dir;

  private Path keystore(String password) throws Exception {
    Path store = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "yocho", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
        password, "-keypass", password).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return store;
  }

  private static HttpClient trusting(Path store, String password) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      trust.load(in, password.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void servesHttpsWithAKeystoreAndRefusesAWrongPassword() throws Exception {
    String password = "correct-horse";
    Path store = keystore(password);
    Path wrong = dir.resolve("wrong.txt");
    Files.writeString(wrong, "not-the-password\n");
    CliRun refused = CliRun.of("serve", "--port", "0", "--tls-keystore", store.toString(),
        "--tls-password-file", wrong.toString(), "--db", dir.resolve("missing.duckdb").toString(),
        "--keys", dir.resolve("none.json").toString());
    assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(2);
    assertThat(refused.stderr().strip()).doesNotContain("\n").contains("--tls-keystore",
        store.toString(), "cannot be read").doesNotContain(password);

    ApiFixture api = new ApiFixture(dir);
    api.server = ApiServer.start(ApiServer.Options.defaults(api.db, api.models, api.keys)
        .withPort(0).withTls(new Listener.Tls(store, password)));
    try {
      HttpClient client = trusting(store, password);
      String base = "https://127.0.0.1:" + api.server.port();
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base
          + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\"");
      HttpResponse<String> models = client.send(HttpRequest.newBuilder(URI.create(base
          + "/api/v1/models")).header("Authorization", "Bearer " + api.viewer).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).isEqualTo(200);
      // plain HTTP to the TLS port gets no API answer
      assertThatThrownBy(() -> api.client.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + api.server.port() + "/health")).timeout(Duration.ofSeconds(10))
          .GET().build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    } finally {
      api.close();
    }
  }
}
