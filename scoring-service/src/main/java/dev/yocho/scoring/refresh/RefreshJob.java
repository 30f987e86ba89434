package dev.yocho.scoring.refresh;

import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.bundle.ModelBundle;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.bundle.TierModel;
import dev.yocho.scoring.explain.MoveExplainer;
import dev.yocho.scoring.explain.MoveExplanation;
import dev.yocho.scoring.explain.ReasonCodes;
import dev.yocho.scoring.explain.MoveFacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The daily refresh of one as-of date: features of every live firm (batch path), ONNX scores with
 * the current bundle's model of each firm's data tier, PD through the tier's calibration, grade on
 * the bundle's master scale, transitions against each firm's previous refresh and their
 * explanations, all written for that date in one transaction ({@link GradeStore#replaceDay}).
 *
 * <p>Deterministic: the same database, bundle and previous state give identical rows, so a re-run
 * of a date replaces it with the same day.
 */
public final class RefreshJob {
  /** Rows per ONNX Runtime call. */
  static final int BATCH_ROWS = 4096;

  private final ModelStore models;
  private final MoveExplainer explainer;
  private final Consumer<String> progress;
  private final int threads;

  /**
   * @param models the models root; its {@code CURRENT} bundle scores, older ones explain moves
   *     across a model change (open its sessions with one intra-op thread, see {@link #score})
   * @param progress receives one line per stage (e.g. for standard error); never null
   * @param threads scoring threads (the result does not depend on it)
   */
  public RefreshJob(ModelStore models, Consumer<String> progress, int threads) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be in [1, 256], was " + threads);
    }
    this.threads = threads;
    this.models = Objects.requireNonNull(models, "models");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.explainer = new MoveExplainer(ReasonCodes.standard());
  }

  /** Refreshes {@code asOf} over a read-write connection. */
  public RefreshResult run(Connection connection, LocalDate asOf) throws SQLException {
    long started = System.nanoTime();
    Consumer<String> progress = line -> this.progress.accept(String.format(java.util.Locale.ROOT,
        "%s (%.2f s)", line, (System.nanoTime() - started) / 1e9));
    // the bundle is verified and its ONNX sessions opened (about a second) while DuckDB computes
    // the features; a bad bundle still fails the refresh before anything is written
    String version = models.currentVersion();
    CompletableFuture<ModelBundle> loading = CompletableFuture.supplyAsync(
        () -> models.load(version), RefreshJob::daemon);
    FeatureMatrix features;
    try {
      GradeStore.ensureSchema(connection);
      progress.accept("refresh " + asOf + ": model " + version + ", computing features");
      features = new BatchFeatures().compute(connection, asOf);
    } catch (SQLException | RuntimeException e) {
      // let the load finish before the caller may close the store it loads into
      loading.handle((b, x) -> null).join();
      throw e;
    }
    ModelBundle bundle = loaded(loading);
    progress.accept("refresh " + asOf + ": scoring " + features.rows() + " firms");
    List<GradeRow> grades = score(bundle, features, asOf, threads);
    progress.accept("refresh " + asOf + ": scored, reading the previous grades");
    DayGrades previous = GradeStore.previousGrades(connection, asOf);
    progress.accept("refresh " + asOf + ": " + previous.size() + " previous grades read");
    GradeStore.NewFacts newFacts = previous.size() == 0 ? GradeStore.NewFacts.none()
        : GradeStore.firmsWithNewFacts(connection, previous.day(), asOf);
    MasterScale scale = bundle.masterScale();
    GradePolicy policy = new GradePolicy(scale);
    List<GradeRow> published = new ArrayList<>(grades.size());
    List<GradePolicy.Decision> decisions = new ArrayList<>(grades.size());
    List<Transition> transitions = new ArrayList<>();
    int upgrades = 0;
    int downgrades = 0;
    int bigMoves = 0;
    Map<String, Integer> byGrade = new TreeMap<>();
    for (int g = 1; g <= scale.gradeCount(); g++) {
      byGrade.put(scale.label(g), 0);
    }
    for (GradeRow row : grades) {
      int before = previous.indexOf(row.firmId());
      GradePolicy.Previous state = before >= 0 ? previous.policyState(before) : null;
      GradePolicy.Decision d = policy.decide(asOf, row.pd(), state, newFacts.of(row.firmId()));
      GradeRow out = new GradeRow(asOf, row.firmId(), row.modelVersion(), row.tier(), row.pd(),
          scale.label(d.grade()));
      published.add(out);
      decisions.add(d);
      byGrade.merge(out.grade(), 1, Integer::sum);
      if (d.moved()) {
        Transition t = new Transition(sinceRow(connection, previous, before), out, d.basis());
        transitions.add(t);
        if (t.notches() > 0) {
          downgrades++;
        } else {
          upgrades++;
        }
        if (Math.abs(t.notches()) >= 2) {
          bigMoves++;
        }
      }
    }
    grades = List.copyOf(published);
    progress.accept("refresh " + asOf + ": explaining " + transitions.size() + " transitions");
    List<MoveExplanation> explanations =
        explain(connection, bundle, features, transitions, progress);

    progress.accept("refresh " + asOf + ": writing " + grades.size() + " grades");
    GradeStore.replaceDay(connection, asOf, grades, decisions, scale, transitions, explanations,
        () -> progress.accept("refresh " + asOf + ": transaction open, old day deleted"));
    progress.accept("refresh " + asOf + ": committed");
    double seconds = (System.nanoTime() - started) / 1e9;
    return new RefreshResult(asOf, bundle.version(), grades.size(), new TreeMap<>(byGrade),
        upgrades, downgrades, bigMoves, seconds);
  }

  /**
   * The row of the refresh that had set the firm's published grade ({@code grade_since}): the
   * previous day's own row when it set it, else that day's stored row (the previous day's row when
   * that day is no longer stored, so a move is never lost).
   */
  private static GradeRow sinceRow(Connection connection, DayGrades previous, int at)
      throws SQLException {
    GradeRow last = previous.row(at);
    LocalDate since = previous.gradeSince(at);
    if (since.equals(previous.day())) {
      return last;
    }
    return GradeStore.gradeOn(connection, last.firmId(), since).orElse(last);
  }

  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "yocho-bundle-load");
    t.setDaemon(true);
    t.start();
  }

  /** The loaded bundle, or the loader's own exception (naming the bundle's fault). */
  private static ModelBundle loaded(CompletableFuture<ModelBundle> loading) {
    try {
      return loading.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /**
   * Grades every row of {@code features} with the bundle's model of the row's tier, in batches of
   * {@value #BATCH_ROWS} rows spread over {@code threads} threads. Each batch is one ONNX Runtime
   * call; the sessions should run one intra-op thread each, because a tree ensemble split over
   * several intra-op threads sums its trees in another order and moves the margins' last bits,
   * which would break "the same inputs give identical rows".
   */
  public static List<GradeRow> score(ModelBundle bundle, FeatureMatrix features, LocalDate asOf,
      int threads) {
    int rows = features.rows();
    MasterScale scale = bundle.masterScale();
    GradeRow[] out = new GradeRow[rows];
    List<int[]> batches = new ArrayList<>();
    List<Tier> batchTiers = new ArrayList<>();
    for (Tier tier : Tier.values()) {
      int[] members = new int[BATCH_ROWS];
      int filled = 0;
      for (int r = 0; r <= rows; r++) {
        if (r < rows && features.tier(r) == tier) {
          members[filled++] = r;
        }
        if (filled == BATCH_ROWS || (r == rows && filled > 0)) {
          batches.add(java.util.Arrays.copyOf(members, filled));
          batchTiers.add(tier);
          filled = 0;
        }
      }
    }
    int width = features.columns();
    ThreadLocal<float[]> batchBuffer = ThreadLocal.withInitial(() -> new float[BATCH_ROWS * width]);
    ThreadLocal<double[]> marginBuffer = ThreadLocal.withInitial(() -> new double[BATCH_ROWS]);
    parallel(threads, batches.size(), 1, b -> {
      float[] batch = batchBuffer.get();
      double[] margins = marginBuffer.get();
      int[] members = batches.get(b);
      Tier tier = batchTiers.get(b);
      TierModel model = bundle.model(tier);
      for (int i = 0; i < members.length; i++) {
        int base = i * width;
        for (int j = 0; j < width; j++) {
          batch[base + j] = (float) features.value(members[i], j);
        }
      }
      model.scorer().margins(batch, members.length, margins);
      for (int i = 0; i < members.length; i++) {
        int row = members[i];
        double pd = scale.floored(model.calibration().pd(margins[i]));
        out[row] = new GradeRow(asOf, features.firmId(row), bundle.version(), tier, pd,
            scale.grade(pd));
      }
    });
    return List.of(out);
  }

  private List<MoveExplanation> explain(Connection connection, ModelBundle bundle,
      FeatureMatrix today, List<Transition> transitions, Consumer<String> progress)
      throws SQLException {
    if (transitions.isEmpty()) {
      return List.of();
    }
    // The earlier feature vectors are recomputed (point-in-time, so as they were) for the firms
    // that moved only, one batch query over every previous date involved; usually there is one,
    // the previous refresh.
    TreeSet<LocalDate> previousDates = new TreeSet<>();
    Set<Long> moved = new HashSet<>();
    for (Transition t : transitions) {
      previousDates.add(t.previousAsOf());
      moved.add(t.firmId());
    }
    FeatureMatrix before =
        new BatchFeatures().compute(connection, List.copyOf(previousDates), moved);
    progress.accept("refresh: features of " + previousDates.size() + " previous date(s) computed");
    LocalDate asOf = transitions.get(0).to().asOf();
    // the facts of each moved firm, read by the query the on-demand paths use (MoveLookup)
    MoveFacts[] facts = new MoveFacts[transitions.size()];
    for (int i = 0; i < facts.length; i++) {
      Transition t = transitions.get(i);
      facts[i] = GradeStore.factsOfMove(connection, t.firmId(), t.previousAsOf(), asOf);
    }
    progress.accept("refresh: facts read, attributing");
    int width = FeatureCatalogue.current().size();
    MoveExplanation[] out = new MoveExplanation[transitions.size()];
    // each transition is independent: spread them over the scoring threads, results in order
    parallel(threads, transitions.size(), 64, i -> {
      Transition t = transitions.get(i);
      int a = before.find(t.firmId(), t.previousAsOf());
      int b = today.find(t.firmId(), asOf);
      if (a < 0 || b < 0) {
        throw new IllegalStateException("firm " + t.firmId() + " was graded on "
            + t.previousAsOf() + " but has no features then (or on " + asOf + ")");
      }
      double[] xa = new double[width];
      double[] xb = new double[width];
      for (int j = 0; j < width; j++) {
        xa[j] = before.value(a, j);
        xb[j] = today.value(b, j);
      }
      TierModel oldModel = models.load(t.from().modelVersion()).model(t.from().tier());
      TierModel newModel = bundle.model(t.to().tier());
      out[i] = explainer.explain(t.firmId(),
          new MoveExplainer.Side(t.previousAsOf(), t.from().grade(), t.from().pd(),
              oldModel.explainerModel(), xa),
          new MoveExplainer.Side(asOf, t.to().grade(), t.to().pd(), newModel.explainerModel(), xb),
          facts[i]);
    });
    return List.of(out);
  }

  /**
   * Runs {@code body} for 0 … n-1 on up to {@code threads} threads, handing out {@code chunk}
   * consecutive indices at a time; rethrows the first failure.
   */
  private static void parallel(int threads, int n, int chunk,
      java.util.function.IntConsumer body) {
    int workers = Math.max(1, Math.min(threads, (n + chunk - 1) / chunk));
    if (workers == 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(workers);
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(() -> {
          for (int start = next.getAndAdd(chunk); start < n; start = next.getAndAdd(chunk)) {
            for (int i = start; i < Math.min(n, start + chunk); i++) {
              body.accept(i);
            }
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
