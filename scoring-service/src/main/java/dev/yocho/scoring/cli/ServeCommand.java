package dev.yocho.scoring.cli;

import dev.yocho.scoring.http.ApiServer;
import dev.yocho.scoring.http.Listener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho serve}: the HTTP API over a database and a models root, until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serves the HTTP API (grades, scores, transitions, explanations, refresh; OpenAPI at"
            + " /openapi.json) on ADDR:PORT until interrupted. The service owns the database while"
            + " it runs: refresh it with POST /api/v1/refresh, not the CLI. Needs at least one"
            + " active key in the keys file (./yocho keys add)."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Option(names = "--models", paramLabel = "DIR", description = "models root (default: ${DEFAULT-VALUE})")
  Path models = Path.of("models");

  @Option(names = "--port", paramLabel = "P", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = 7070;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "address to listen on (default: ${DEFAULT-VALUE}, loopback only)")
  String bind = "127.0.0.1";

  @Option(names = "--keys", paramLabel = "FILE",
      description = "API keys file written by ./yocho keys (default: ${DEFAULT-VALUE})")
  Path keys = Path.of("data/keys.json");

  @Option(names = "--threads", paramLabel = "N",
      description = "request threads, 4..512 (default: ${DEFAULT-VALUE})")
  int threads = 64;

  @Option(names = "--facts-in-memory", paramLabel = "ROWS",
      description = "hold every firm's facts in memory (explanations computed on demand then run"
          + " no per-firm query) when the fact tables have at most ROWS rows, about 40 bytes of"
          + " heap each; 0: never (default: ${DEFAULT-VALUE})")
  long factsInMemoryRows = ApiServer.Options.FACTS_IN_MEMORY_ROWS;

  @Option(names = "--tls-keystore", paramLabel = "FILE",
      description = "serve HTTPS with this PKCS12 (or JKS) keystore's key and certificate"
          + " (default: plain HTTP, for loopback or behind a TLS-terminating reverse proxy)")
  Path tlsKeystore;

  @Option(names = "--tls-password-file", paramLabel = "FILE",
      description = "file whose first line is the keystore's password (kept out of the command"
          + " line; needed with --tls-keystore)")
  Path tlsPasswordFile;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws Exception {
    ApiServer.Options options = new ApiServer.Options(db, models, keys, bind, port, 4096, threads,
        factsInMemoryRows, tls());
    ApiServer server = ApiServer.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "yocho-serve-shutdown"));
    stdout.printf("yocho serving %s on " + (tlsKeystore == null ? "http" : "https") + "://%s:%d (OpenAPI: /openapi.json; keys: %s)%n", db,
        bind.contains(":") ? "[" + bind + "]" : bind, server.port(), keys);
    stdout.flush();
    stopped.await();
    return 0;
  }

  private Listener.Tls tls() {
    if (tlsKeystore == null) {
      if (tlsPasswordFile != null) {
        throw new IllegalArgumentException("--tls-password-file needs --tls-keystore");
      }
      return null;
    }
    if (tlsPasswordFile == null) {
      throw new IllegalArgumentException("--tls-keystore needs --tls-password-file FILE (the"
          + " keystore's password on its first line)");
    }
    try {
      java.util.List<String> lines = java.nio.file.Files.readAllLines(tlsPasswordFile);
      return new Listener.Tls(tlsKeystore, lines.isEmpty() ? "" : lines.get(0));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--tls-password-file " + tlsPasswordFile
          + " cannot be read: " + dev.yocho.cli.Cli.oneLine(String.valueOf(e.getMessage())), e);
    }
  }
}
