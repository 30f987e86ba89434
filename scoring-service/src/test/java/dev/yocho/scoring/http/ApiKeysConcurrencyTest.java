package dev.yocho.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys added or revoked at the same time, by several threads and by several processes, all land:
 * each change reads, changes and rewrites the whole file, so without the lock one rewrite would
 * drop what another had just written.
 */
class ApiKeysConcurrencyTest {
  @TempDir Path dir;

  @Test
  void keysAddedByEightThreadsAtOnceAreAllKept() throws Exception {
    Path file = dir.resolve("keys.json");
    int threads = 8;
    int each = 6;
    ConcurrentHashMap<String, String> secrets = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            String id = "t" + thread + "-" + i;
            secrets.put(id, ApiKeys.add(file, id, Role.VIEWER, Instant.now()).secret());
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    ApiKeys keys = ApiKeys.read(file);
    assertThat(ids(keys)).hasSize(threads * each).isEqualTo(new TreeSet<>(secrets.keySet()));
    for (var e : secrets.entrySet()) {
      assertThat(keys.authenticate(e.getValue()).map(ApiKeys.Key::id)).contains(e.getKey());
    }
    // revocations at once, from as many threads, all land too
    ExecutorService revokers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String id = "t" + t + "-0";
        done.add(revokers.submit(() -> ApiKeys.revoke(file, id, Instant.now())));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      revokers.shutdownNow();
    }
    assertThat(ApiKeys.read(file).activeCount()).isEqualTo((long) threads * (each - 1));
  }

  @Test
  void keysAddedByThreeProcessesAtOnceAreAllKept() throws Exception {
    Path file = dir.resolve("keys.json");
    int processes = 3;
    int each = 15;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      children.add(new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
          Adder.class.getName(), file.toString(), "p" + p, Integer.toString(each))
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("adder-" + p + ".log").toFile())
          .start());
    }
    for (int p = 0; p < processes; p++) {
      Process child = children.get(p);
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("adder %d finished", p).isTrue();
      assertThat(child.exitValue())
          .as("adder %d: %s", p, Files.readString(dir.resolve("adder-" + p + ".log")))
          .isZero();
    }
    Set<String> expected = new TreeSet<>();
    for (int p = 0; p < processes; p++) {
      for (int i = 0; i < each; i++) {
        expected.add("p" + p + "-" + i);
      }
    }
    assertThat(ids(ApiKeys.read(file))).isEqualTo(expected);
  }

  private static Set<String> ids(ApiKeys keys) {
    Set<String> ids = new TreeSet<>();
    for (ApiKeys.Key k : keys.keys()) {
      ids.add(k.id());
    }
    return ids;
  }

  /** A child process: adds {@code n} keys {@code <prefix>-<i>} to a keys file, one at a time. */
  public static final class Adder {
    public static void main(String[] args) {
      Path file = Path.of(args[0]);
      for (int i = 0; i < Integer.parseInt(args[2]); i++) {
        ApiKeys.add(file, args[1] + "-" + i, Role.VIEWER, Instant.now());
      }
    }
  }
}
