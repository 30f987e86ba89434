package dev.yocho.training.backtest;

import dev.yocho.cli.Progress;
import dev.yocho.cli.UsageException;
import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.model.Schema;
import dev.yocho.training.labels.Labels;
import dev.yocho.training.pipeline.TrainConfig;
import dev.yocho.training.pipeline.TrainResult;
import dev.yocho.training.pipeline.TrainingPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays month-end as-of dates: features of every live firm as of each date (point in time, the
 * batch path), each tier's trees and calibration from the bundle that scores the date, the grade
 * from the master scale, and the realised one-year default label with DESIGN section 4's
 * population and censoring. Scoring with one bundle, or walk-forward ({@link WalkForward}). The
 * numbers are computed by {@link BacktestMetrics}; the truth tables are read for evaluation only
 * (oracle AUC, PD error), never for scoring or training.
 */
public final class Backtest {
  /** As-of dates computed in one feature query: bounds memory to a few hundred MB at 20k firms. */
  static final int CHUNK_DATES = 6;

  private final BacktestOptions options;

  public Backtest(BacktestOptions options) {
    this.options = options;
  }

  /** Scored rows of one as-of date (every live firm), sorted by firm id. */
  record DateScores(
      LocalDate asOf,
      ScoringModel model,
      long[] firm,
      double[] pd,
      byte[] grade,
      boolean[] defaulted,
      boolean[] censored,
      long[][] featureBins,
      double[] truth) {
    int live() {
      return firm.length;
    }
  }

  /**
   * Checks the dates against the data: inside the window, labels complete (as-of + 365 days on or
   * before the window's end), at least one month-end between them.
   */
  public static List<LocalDate> dates(BacktestOptions options, DataWindow window) {
    if (!options.from().isBefore(options.to())) {
      throw new UsageException("--from " + options.from() + " must be before --to "
          + options.to());
    }
    if (options.from().isBefore(window.from()) || options.to().isAfter(window.to())) {
      throw new UsageException("dates " + options.from() + " to " + options.to()
          + " are outside the data window " + window.from() + " to " + window.to());
    }
    LocalDate lastLabelled = window.to().minusDays(365);
    if (options.to().isAfter(lastLabelled)) {
      throw new UsageException("--to " + options.to() + ": one-year default labels are complete"
          + " only for as-of dates up to " + lastLabelled + " (the data end " + window.to()
          + " minus 365 days)");
    }
    List<LocalDate> dates = Labels.monthEnds(options.from(), options.to());
    if (dates.isEmpty()) {
      throw new UsageException("no month-end between " + options.from() + " and " + options.to());
    }
    return dates;
  }

  /**
   * Runs the backtest. {@code bundle} scores every date unless walk-forward, which trains its
   * models into {@code workDir} (one bundle per year boundary).
   *
   * @return every number of the report, in the order of metrics.json
   */
  public Map<String, Object> run(Connection conn, ScoringModel bundle, Path workDir,
      boolean quiet) throws SQLException, IOException {
    DataWindow window = DataWindow.read(conn);
    List<LocalDate> dates = dates(options, window);
    Map<LocalDate, ScoringModel> modelOf = new LinkedHashMap<>();
    List<Map<String, Object>> models = new ArrayList<>();
    if (options.walkForward()) {
      Map<LocalDate, WalkForward.Step> plan = WalkForward.plan(dates, window.from());
      Map<LocalDate, ScoringModel> byBoundary = new LinkedHashMap<>();
      for (WalkForward.Step step : plan.values()) {
        TrainConfig config = step.apply(options.trainTemplate());
        TrainResult trained = new TrainingPipeline(config).run(conn, workDir.resolve("models"));
        ScoringModel model = ScoringModel.load(trained.bundle());
        byBoundary.put(step.boundary(), model);
        Map<String, Object> m = modelJson(model);
        m.put("boundary", step.boundary().toString());
        m.put("last_labelled_as_of", step.lastLabelledAsOf().toString());
        m.put("oot_auc", trained.oot().auc());
        models.add(m);
      }
      for (LocalDate d : dates) {
        modelOf.put(d, byBoundary.get(WalkForward.boundaryOf(d)));
      }
    } else {
      if (bundle == null) {
        throw new IllegalStateException("a backtest without walk-forward needs a bundle");
      }
      Map<String, Object> m = modelJson(bundle);
      // the bundle's own out-of-time validation, as training recorded it
      com.fasterxml.jackson.databind.JsonNode own = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(bundle.dir().resolve("metrics.json").toFile()).path("oot").path("auc");
      m.put("oot_auc", own.isNumber() ? own.asDouble() : null);
      models.add(m);
      for (LocalDate d : dates) {
        modelOf.put(d, bundle);
      }
    }

    Map<String, PsiReference> references = new LinkedHashMap<>();
    for (ScoringModel model : modelOf.values()) {
      if (!references.containsKey(model.version())) {
        references.put(model.version(), PsiReference.compute(conn, model,
            options.psiReferenceStepMonths(), window.from()));
      }
    }
    for (Map<String, Object> m : models) {
      PsiReference ref = references.get((String) m.get("model_version"));
      m.put("psi_reference_dates", ref.dates.stream().map(LocalDate::toString).toList());
      m.put("psi_reference_rows", java.util.Arrays.stream(ref.gradeCounts).sum());
    }

    boolean truth = hasTruth(conn);
    List<DateScores> scored = new ArrayList<>();
    try (Progress progress = Progress.start("backtest", dates.size(), quiet)) {
      for (int i = 0; i < dates.size(); i += CHUNK_DATES) {
        List<LocalDate> chunk = dates.subList(i, Math.min(dates.size(), i + CHUNK_DATES));
        scored.addAll(score(conn, chunk, modelOf, references, truth));
        progress.step(chunk.size());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("from", options.from().toString());
    config.put("to", options.to().toString());
    config.put("as_of_dates", dates.size());
    config.put("walk_forward", options.walkForward());
    config.put("psi_moderate", options.psiModerate());
    config.put("psi_significant", options.psiSignificant());
    config.put("psi_reference_step_months", options.psiReferenceStepMonths());
    config.put("psi_share_floor", dev.yocho.training.backtest.stats.Psi.SHARE_FLOOR);
    config.put("data_window", window.from() + "/" + window.to());
    config.put("catalogue_version", FeatureCatalogue.current().version());
    config.put("master_scale", modelOf.get(dates.get(0)).scale().version());
    config.put("truth_table", truth);
    out.put("config", config);
    out.put("models", models);
    out.putAll(new BacktestMetrics(options, references).compute(scored));
    return out;
  }

  private static Map<String, Object> modelJson(ScoringModel model) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model_version", model.version());
    m.put("algorithm", model.provenance().path("algorithm").asText());
    m.put("seed", model.provenance().path("seed").asLong());
    m.put("train_window", model.provenance().path("train_window").asText());
    m.put("oot_window", model.provenance().path("oot_window").asText());
    m.put("catalogue_version", model.provenance().path("catalogue_version").asText());
    m.put("data_manifest_sha256", model.provenance().path("data_manifest_sha256").asText());
    m.put("withheld_features", JsonTree.toList(model.provenance().path("withheld_features")));
    return m;
  }

  private List<DateScores> score(Connection conn, List<LocalDate> chunk,
      Map<LocalDate, ScoringModel> modelOf, Map<String, PsiReference> references, boolean truth)
      throws SQLException {
    FeatureMatrix features = new BatchFeatures().compute(conn, chunk);
    Labels labels = Labels.compute(conn, chunk);
    if (features.rows() != labels.rows()) {
      throw new IllegalStateException("features cover " + features.rows() + " firm-months but"
          + " labels " + labels.rows() + ": the two populations differ");
    }
    int width = features.columns();
    List<DateScores> out = new ArrayList<>();
    int r = 0;
    for (LocalDate d : chunk) {
      int start = r;
      while (r < features.rows() && features.asOf(r).equals(d)) {
        if (features.firmId(r) != labels.firmId(r) || !labels.asOf(r).equals(d)) {
          throw new IllegalStateException("row " + r + ": features and labels disagree on the"
              + " firm or date");
        }
        r++;
      }
      int n = r - start;
      ScoringModel model = modelOf.get(d);
      MasterScale scale = model.scale();
      PsiReference ref = references.get(model.version());
      long[] firm = new long[n];
      double[] pd = new double[n];
      byte[] grade = new byte[n];
      boolean[] defaulted = new boolean[n];
      boolean[] censored = new boolean[n];
      long[][] bins = new long[width][];
      for (int j = 0; j < width; j++) {
        bins[j] = new long[ref.edges[j].length + 2];
      }
      for (int i = 0; i < n; i++) {
        int row = start + i;
        double[] x = features.row(row).values();
        firm[i] = features.firmId(row);
        pd[i] = model.pd(features.tier(row), x);
        grade[i] = (byte) scale.gradeNumber(pd[i]);
        defaulted[i] = labels.defaulted(row);
        censored[i] = labels.censored(row);
        for (int j = 0; j < width; j++) {
          bins[j][PsiReference.bin(ref.edges[j], x[j])]++;
        }
      }
      double[] truthPd = truth ? truth(conn, d, firm) : null;
      out.add(new DateScores(d, model, firm, pd, grade, defaulted, censored, bins, truthPd));
    }
    return out;
  }

  private static boolean hasTruth(Connection conn) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'truth_pd'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  private static final String TRUTH_SQL = Schema.resource(Backtest.class, "truth_pd.sql");

  /** Evaluation only: the true PD of each scored firm, NaN where the truth has no row. */
  private static double[] truth(Connection conn, LocalDate asOf, long[] firm) throws SQLException {
    double[] out = new double[firm.length];
    java.util.Arrays.fill(out, Double.NaN);
    try (PreparedStatement ps = conn.prepareStatement(TRUTH_SQL)) {
      ps.setObject(1, asOf);
      try (ResultSet rs = ps.executeQuery()) {
        int i = 0;
        while (rs.next()) {
          long id = rs.getLong(1);
          while (i < firm.length && firm[i] < id) {
            i++;
          }
          if (i < firm.length && firm[i] == id) {
            out[i] = rs.getDouble(2);
          }
        }
      }
    }
    return out;
  }
}
