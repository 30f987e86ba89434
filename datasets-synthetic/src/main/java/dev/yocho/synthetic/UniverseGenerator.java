package dev.yocho.synthetic;

import dev.yocho.cli.Databases;
import dev.yocho.cli.UsageException;
import dev.yocho.features.metrics.Auc;
import dev.yocho.features.model.Schema;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a synthetic universe into a DuckDB file. Firms are simulated in blocks on worker threads
 * and appended in firm order by one writer, so the tables are identical for the same config
 * whatever the thread count. The database is written to a temporary file beside the target and
 * moved into place only when complete: a failure leaves no database behind.
 */
public final class UniverseGenerator {
  /** Share of {@code --firms} founded during the window (the rest exist before it). */
  static final double ENTRANT_SHARE = 0.12;
  static final int BLOCK = 1000;
  public static final String GENERATOR_VERSION = "synthetic-1";
  private static final java.util.regex.Pattern OWNER =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final GeneratorConfig config;
  private final int threads;

  public UniverseGenerator(GeneratorConfig config) {
    this(config, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
  }

  public UniverseGenerator(GeneratorConfig config, int threads) {
    this.config = config;
    this.threads = threads;
  }

  /**
   * Generates into {@code target}. An existing file is replaced only with {@code overwrite}.
   *
   * @param progress receives the number of firms finished, block by block
   */
  public GenerationResult generate(Path target, boolean overwrite, LongConsumer progress) {
    return generate(target, overwrite, null, progress);
  }

  /**
   * Generates into {@code target}, recording {@code owner} (may be null) in {@code dataset_info}.
   * An existing file is replaced only with {@code overwrite}, only while no other process holds
   * it and no write-ahead log lies beside it, and, with an owner, only when the file records the
   * same owner ({@link Databases#claimForReplacement}). The new file is readable by its owner
   * only.
   *
   * @param progress receives the number of firms finished, block by block
   */
  public GenerationResult generate(Path target, boolean overwrite, String owner,
      LongConsumer progress) {
    long started = System.nanoTime();
    Path db = target.toAbsolutePath().normalize();
    if (owner != null && !OWNER.matcher(owner).matches()) {
      throw new UsageException("--owner must be 1-64 letters, digits, '_', '.' or '-', was '"
          + owner + "'");
    }
    prepareTarget(db, overwrite);
    Path tmp = db.resolveSibling(db.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    deleteQuietly(tmp);
    // checked before the slow part, and held (read-only) until the new file is in place, so that
    // nobody starts writing the old file in between
    try (Databases.Claim claim = Databases.claimForReplacement(db, owner)) {
      GenerationResult result = write(tmp, db, owner, progress, started);
      Databases.restrictToOwner(tmp);
      Files.move(tmp, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("writing " + tmp + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UsageException("cannot move the new database into " + db + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void prepareTarget(Path db, boolean overwrite) {
    if (Files.isDirectory(db)) {
      throw new UsageException("--db " + db + " is a directory, not a database file");
    }
    if (Files.exists(db) && !overwrite) {
      throw new UsageException(
          "--db " + db + " already exists; pass --overwrite to replace it");
    }
    Path parent = db.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UsageException("cannot create the directory " + parent + " for --db: "
          + reason(e), e);
    }
    if (!Files.isWritable(parent)) {
      throw new UsageException("--db " + db + " is not writable (directory " + parent + ")");
    }
    Path probe = parent.resolve(".yocho-write-probe-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      throw new UsageException("--db " + db + " is not writable (directory " + parent + ")", e);
    } catch (IOException e) {
      throw new UsageException("--db " + db + " is not writable: " + e.getMessage(), e);
    }
  }

  /** An I/O failure in words, without exception class names. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file named " + e.getMessage() + " is in the way";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return e.getMessage() + " cannot be created there";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied on " + e.getMessage();
    }
    return String.valueOf(e.getMessage());
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
    } catch (IOException e) {
      // best effort: a leftover temporary file is named after its process and harmless
    }
  }

  private GenerationResult write(Path tmp, Path db, String owner, LongConsumer progress,
      long started) throws SQLException {
    MonthGrid grid = new MonthGrid(config.from(), config.to());
    Economy economy = new Economy(grid, config.seed());
    double intercept = HazardCalibration.intercept(economy, grid, config);
    Process process = new Process(economy, grid, intercept);

    long firms = config.firms();
    long entrants = Math.round(firms * ENTRANT_SHARE);
    long firstEntrant = firms - entrants + 1;
    List<TruthSimulator> truthSimulators = new ArrayList<>();
    ThreadLocal<FirmSimulator> simulators =
        ThreadLocal.withInitial(() -> {
          TruthSimulator truth = null;
          if (config.writeTruth()) {
            truth = new TruthSimulator(process, config.seed());
            synchronized (truthSimulators) {
              truthSimulators.add(truth);
            }
          }
          return new FirmSimulator(process, truth);
        });

    Oracle oracle = new Oracle();
    long rows = 0;
    long defaults = 0;
    long closures = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread t = new Thread(runnable, "yocho-generate");
      t.setDaemon(true);
      return t;
    });
    try (DuckDBConnection conn =
        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + tmp)) {
      Schema.createObservable(conn);
      if (config.writeTruth()) {
        Schema.createTruth(conn);
      }
      Rows names = new Rows(1);
      List<DuckDBAppender> appenders = new ArrayList<>();
      for (TableBuffer t : names.observable()) {
        appenders.add(conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, t.table()));
      }
      DuckDBAppender truthAppender = config.writeTruth()
          ? conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "truth_pd")
          : null;

      ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
      long nextFirm = 1;
      while (nextFirm <= firms || !inFlight.isEmpty()) {
        while (nextFirm <= firms && inFlight.size() < threads + 1) {
          long first = nextFirm;
          long last = Math.min(firms, first + BLOCK - 1);
          nextFirm = last + 1;
          inFlight.add(pool.submit(() -> simulateBlock(first, last, firstEntrant, grid,
              simulators.get())));
        }
        Block block = await(inFlight.poll());
        TableBuffer[] tables = block.rows.observable();
        for (int t = 0; t < tables.length; t++) {
          tables[t].appendTo(appenders.get(t));
        }
        if (truthAppender != null) {
          block.rows.truth.appendTo(truthAppender);
        }
        rows += block.rows.rowCount();
        defaults += block.rows.defaults.rows();
        closures += block.rows.closures.rows();
        oracle.addAll(block.oracle);
        progress.accept(block.rows.firms.rows());
      }
      for (DuckDBAppender a : appenders) {
        a.close();
      }
      if (truthAppender != null) {
        truthAppender.close();
      }

      double auc = Double.NaN;
      double meanSe = Double.NaN;
      double meanRelative = Double.NaN;
      if (config.writeTruth()) {
        auc = oracle.auc();
        double se = 0;
        double rel = 0;
        long n = 0;
        for (TruthSimulator t : truthSimulators) {
          se += t.standardErrorSum();
          rel += t.relativeErrorSum();
          n += t.estimates();
        }
        meanSe = n > 0 ? se / n : Double.NaN;
        meanRelative = n > 0 ? rel / n : Double.NaN;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      GenerationResult result = new GenerationResult(db, firms, defaults, closures, rows, auc,
          oracle.size(), meanSe, meanRelative, intercept, seconds);
      writeInfo(conn, result, owner);
      try (Statement st = conn.createStatement()) {
        st.execute("CHECKPOINT");
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  private void writeInfo(Connection conn, GenerationResult result, String owner)
      throws SQLException {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("source", "synthetic");
    info.put("generator_version", GENERATOR_VERSION);
    info.put("window_from", config.from().toString());
    info.put("window_to", config.to().toString());
    info.put("seed", Long.toString(config.seed()));
    info.put("firms", Long.toString(config.firms()));
    if (owner != null) {
      // who may replace the file, not what it holds: kept out of the truth manifest (and out of
      // the training's data fingerprint)
      insert(conn, "dataset_info", Map.of(Databases.OWNER_KEY, owner));
    }
    insert(conn, "dataset_info", info);
    if (config.writeTruth()) {
      Map<String, String> manifest = new LinkedHashMap<>(info);
      manifest.put("target_default_rate", Double.toString(config.targetDefaultRate()));
      manifest.put("default_intercept", Double.toString(result.defaultIntercept()));
      manifest.put("truth_method",
          "forward simulation of the generator's monthly process; health sampled on antithetic "
              + "paths shared by all firms, distress and closure integrated exactly per path");
      manifest.put("truth_paths", Integer.toString(TruthSimulator.PATHS));
      manifest.put("truth_mean_standard_error", Double.toString(result.truthMeanStandardError()));
      manifest.put("truth_mean_relative_error", Double.toString(result.truthMeanRelativeError()));
      manifest.put("oracle_auc", Double.toString(result.oracleAuc()));
      manifest.put("oracle_rows", Long.toString(result.oracleRows()));
      manifest.put("oracle_definition",
          "AUC of truth_pd at month-ends whose next 365 days lie in the window, against default "
              + "within those days; firm-months censored by a closure within them are left out");
      insert(conn, "truth_manifest", manifest);
    }
  }

  private static void insert(Connection conn, String table, Map<String, String> values)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO " + table + " (key, value) VALUES (?, ?)")) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        ps.setString(1, e.getKey());
        ps.setString(2, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private Block simulateBlock(
      long first, long last, long firstEntrant, MonthGrid grid, FirmSimulator simulator) {
    Block block = new Block((int) (last - first + 1));
    for (long id = first; id <= last; id++) {
      SplittableRandom r = new SplittableRandom(Seeds.mix(config.seed(), id, 1));
      FirmProfile f = new FirmProfile(id, id >= firstEntrant, grid, r);
      simulator.simulate(f, r, block.rows, config.writeTruth() ? block.oracle::add : null);
    }
    return block;
  }

  private static Block await(Future<Block> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("generation interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a generator worker failed: " + cause, cause);
    }
  }

  /** One block of simulated firms. */
  private static final class Block {
    final Rows rows;
    final Oracle oracle = new Oracle();

    Block(int firms) {
      rows = new Rows(firms * 8);
    }
  }

  /** Labelled (truth PD, defaulted) pairs for the oracle AUC. */
  static final class Oracle {
    private double[] pd = new double[1024];
    private boolean[] label = new boolean[1024];
    private int size;

    void add(double p, boolean defaulted) {
      if (size == pd.length) {
        pd = Arrays.copyOf(pd, size * 2);
        label = Arrays.copyOf(label, size * 2);
      }
      pd[size] = p;
      label[size++] = defaulted;
    }

    void addAll(Oracle other) {
      for (int i = 0; i < other.size; i++) {
        add(other.pd[i], other.label[i]);
      }
    }

    int size() {
      return size;
    }

    double auc() {
      return size == 0 ? Double.NaN : Auc.of(pd, label, size);
    }
  }

  /** Convenience for tests and benchmarks. */
  public static GenerationResult generate(GeneratorConfig config, Path target) {
    return new UniverseGenerator(config).generate(target, true, n -> { });
  }
}
