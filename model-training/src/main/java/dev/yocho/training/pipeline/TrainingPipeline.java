package dev.yocho.training.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.yocho.cli.UsageException;
import dev.yocho.features.bundle.BundleManifest;
import dev.yocho.features.bundle.Calibration;
import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.TreeEnsembleJson;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.Tier;
import dev.yocho.features.metrics.Auc;
import dev.yocho.features.model.Schema;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.gbm.GbmModel;
import dev.yocho.training.gbm.GbmTrainer;
import dev.yocho.training.labels.Labels;
import dev.yocho.training.onnx.TreeEnsembleOnnxWriter;
import dev.yocho.training.provenance.TrainingProvenance;
import dev.yocho.training.scorecard.ScorecardModel;
import dev.yocho.training.scorecard.ScorecardTrainer;
import dev.yocho.training.validation.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trains one bundle: see the package documentation for the steps. */
public final class TrainingPipeline {
  /** Fewer training defaults than this in a tier is too few to train on. */
  public static final int MIN_DEFAULTS_PER_TIER = 20;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final TrainConfig config;
  private final FeatureCatalogue catalogue = FeatureCatalogue.current();
  private final MasterScale scale = MasterScale.standard();

  public TrainingPipeline(TrainConfig config) {
    this.config = config;
  }

  /** Trains on {@code conn}'s data and writes the bundle under {@code modelsDir}. */
  public TrainResult run(Connection conn, Path modelsDir) throws SQLException, IOException {
    long started = System.nanoTime();
    requireTables(conn);
    DataWindow window = DataWindow.read(conn);
    if (config.trainFrom().isBefore(window.from()) || config.ootTo().isAfter(window.to())) {
      throw new UsageException("training and out-of-time windows " + config.trainFrom() + " to "
          + config.ootTo() + " must lie inside the data window " + window.from() + " to "
          + window.to());
    }
    if (config.ootTo().plusDays(365).isAfter(window.to())) {
      throw new UsageException("out-of-time labels are incomplete: " + config.ootTo()
          + " + 365 days is after the data's end " + window.to());
    }
    List<LocalDate> trainDates = Labels.monthEnds(config.trainFrom(), config.trainTo());
    List<LocalDate> ootDates = Labels.monthEnds(config.ootFrom(), config.ootTo());
    Snapshot train = snapshot(conn, trainDates);
    Snapshot oot = snapshot(conn, ootDates);

    Map<String, TierModel> models = new LinkedHashMap<>();
    Map<String, Integer> trainingRows = new LinkedHashMap<>();
    for (Tier tier : Tier.values()) {
      TierModel model = trainTier(tier, train);
      models.put(tier.code(), model);
      trainingRows.put(tier.code(), model.trainingRows);
    }

    // out-of-time: each row is scored by its tier's model and calibration
    double[] pd = new double[oot.rows()];
    boolean[] y = new boolean[oot.rows()];
    Map<String, List<Integer>> rowsByTier = new LinkedHashMap<>();
    for (int r = 0; r < oot.rows(); r++) {
      Tier tier = oot.tier[r];
      TierModel model = models.get(tier.code());
      pd[r] = model.calibration.pd(model.ensemble.margin(oot.x[r]));
      y[r] = oot.y[r];
      rowsByTier.computeIfAbsent(tier.code(), k -> new ArrayList<>()).add(r);
    }
    Validation overall = Validation.of(pd, y);
    Map<String, Validation> byTier = new LinkedHashMap<>();
    for (Map.Entry<String, List<Integer>> e : rowsByTier.entrySet()) {
      List<Integer> rows = e.getValue();
      double[] p = new double[rows.size()];
      boolean[] l = new boolean[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        p[i] = pd[rows.get(i)];
        l[i] = y[rows.get(i)];
      }
      byTier.put(e.getKey(), Validation.of(p, l));
    }
    double[] truth = oracleTruth(conn, oot);
    double oracle = truth == null ? Double.NaN : Auc.of(truth, oot.y);
    Validation oracleValidation = truth == null ? null : Validation.of(truth, oot.y);

    Map<String, Object> memorisation = memorisation(models, train, oot, pd);

    String dataHash = dataManifestHash(conn);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("oot", overall.toJson());
    Map<String, Object> tierMetrics = new LinkedHashMap<>();
    byTier.forEach((k, v) -> tierMetrics.put(k, v.toJson()));
    metrics.put("oot_by_tier", tierMetrics);
    metrics.put("oracle_auc_oot", Double.isNaN(oracle) ? null : oracle);
    metrics.put("protocol", config.protocol());
    metrics.put("labels_overlap_training", config.labelsOverlapTraining());
    metrics.put("training_rows", trainingRows);
    metrics.put("memorisation", memorisation);

    String version = config.algorithm().code() + "-" + contentHash(models, dataHash).substring(0, 12);
    Path bundle = writeBundle(modelsDir, version, models, metrics, dataHash);
    pointCurrentAt(modelsDir, version);
    double seconds = (System.nanoTime() - started) / 1e9;
    return new TrainResult(version, bundle, config.algorithm().code(), overall, byTier, oracle,
        trainingRows, config, memorisation,
        oracleValidation == null ? Double.NaN : oracleValidation.capture1pct(),
        oracleValidation == null ? Double.NaN : oracleValidation.capture10pct(),
        new TrainResult.OotRows(oot.firm, oot.asOf, pd, y, truth), seconds);
  }

  private static void requireTables(Connection conn) throws SQLException {
    List<String> missing = new ArrayList<>();
    for (String table : Schema.OBSERVABLE_TABLES) {
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == 0) {
            missing.add(table);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException("the database lacks the tables " + missing
          + " (is it a yocho database? see yocho generate)");
    }
  }

  /** Labelled, uncensored rows of some as-of dates with their features and tiers. */
  private static final class Snapshot {
    final long[] firm;
    final LocalDate[] asOf;
    final double[][] x;
    final boolean[] y;
    final Tier[] tier;

    Snapshot(int n, int width) {
      firm = new long[n];
      asOf = new LocalDate[n];
      x = new double[n][];
      y = new boolean[n];
      tier = new Tier[n];
    }

    int rows() {
      return firm.length;
    }
  }

  private Snapshot snapshot(Connection conn, List<LocalDate> dates) throws SQLException {
    FeatureMatrix features = new BatchFeatures().compute(conn, dates);
    Labels labels = Labels.compute(conn, dates);
    if (features.rows() != labels.rows()) {
      throw new IllegalStateException("features cover " + features.rows() + " firm-months but "
          + "labels " + labels.rows() + ": the two populations differ");
    }
    int kept = 0;
    for (int r = 0; r < labels.rows(); r++) {
      if (features.firmId(r) != labels.firmId(r) || !features.asOf(r).equals(labels.asOf(r))) {
        throw new IllegalStateException("row " + r + ": features are for firm "
            + features.firmId(r) + " at " + features.asOf(r) + " but labels for firm "
            + labels.firmId(r) + " at " + labels.asOf(r));
      }
      if (!labels.censored(r)) {
        kept++;
      }
    }
    Snapshot s = new Snapshot(kept, features.columns());
    int i = 0;
    for (int r = 0; r < labels.rows(); r++) {
      if (labels.censored(r)) {
        continue;
      }
      s.firm[i] = labels.firmId(r);
      s.asOf[i] = labels.asOf(r);
      s.x[i] = features.row(r).values();
      s.y[i] = labels.defaulted(r);
      s.tier[i] = features.tier(r);
      i++;
    }
    return s;
  }

  /** A tier's model, its calibration and what it was trained on. */
  record TierModel(
      TreeEnsemble ensemble,
      Calibration calibration,
      TrainingProvenance provenance,
      int trainingRows,
      int trainingDefaults,
      int calibrationRows) {}

  private TierModel trainTier(Tier tier, Snapshot train) {
    List<Integer> fit = new ArrayList<>();
    List<Integer> hold = new ArrayList<>();
    List<Integer> holdLatest = new ArrayList<>();
    // The calibration's shape (how PD rises with the margin) is fitted on the held-out firms over
    // the whole training window; its level is anchored to the realised default rate of every firm
    // in the latest training year, the period closest to where the PDs are used. One year of a
    // fifth of the firms alone held too few defaulting firms: its rate was off by a fifth by
    // chance, and so was every PD.
    LocalDate latestFrom = config.trainTo().minusYears(1);
    int latestRows = 0;
    int latestDefaults = 0;
    List<Integer> borrowed = new ArrayList<>();
    boolean borrow = tier == Tier.THIN && config.thinBorrowsFromFull();
    for (int r = 0; r < train.rows(); r++) {
      if (train.tier[r] != tier) {
        if (borrow && !heldOut(train.firm[r])) {
          borrowed.add(r);
        }
        continue;
      }
      boolean latest = train.asOf[r].isAfter(latestFrom);
      if (latest) {
        latestRows++;
        latestDefaults += train.y[r] ? 1 : 0;
      }
      if (!heldOut(train.firm[r])) {
        fit.add(r);
      } else {
        if (latest) {
          holdLatest.add(hold.size()); // a position in hold, so its margin is computed once
        }
        hold.add(r);
      }
    }
    LabelledMatrix fitData = matrix(train, fit);
    if (fitData.positives() < MIN_DEFAULTS_PER_TIER) {
      throw new UsageException("too few defaults to train the " + tier.code() + " tier: "
          + fitData.positives() + " in " + fit.size() + " training firm-months (need at least "
          + MIN_DEFAULTS_PER_TIER + "); generate more firms or widen the training window");
    }
    if (borrow) {
      // the full tier's firm-months as a thin firm would look: no statement-derived feature
      List<Integer> rows = new ArrayList<>(fit);
      rows.addAll(borrowed);
      fitData = matrix(train, rows, statementFeatures(), fit.size());
    }
    TreeEnsemble ensemble;
    TrainingProvenance provenance;
    if (config.algorithm() == TrainConfig.Algorithm.GBM) {
      GbmModel model = new GbmTrainer(config.gbm(), directions()).fit(fitData);
      ensemble = model.ensemble();
      provenance = model.provenance();
    } else {
      ScorecardModel model = new ScorecardTrainer(config.scorecard(), directions()).fit(fitData);
      ensemble = model.toTreeEnsemble();
      provenance = model.provenance();
    }
    double[] margins = new double[hold.size()];
    boolean[] labels = new boolean[hold.size()];
    int defaults = 0;
    for (int i = 0; i < hold.size(); i++) {
      margins[i] = ensemble.margin(train.x[hold.get(i)]);
      labels[i] = train.y[hold.get(i)];
      defaults += labels[i] ? 1 : 0;
    }
    if (hold.isEmpty()) {
      throw new UsageException("no held-out firms to calibrate the " + tier.code() + " tier");
    }
    double baseRate = (defaults + 0.5) / (hold.size() + 1.0);
    // two pseudo-observations at the base rate per block keep PDs off zero without lifting the
    // many small low-risk blocks (a heavier prior biased mean PD upward by a fifth)
    Calibration shape = Calibration.fitIsotonic(margins, labels, baseRate, 2);
    if (holdLatest.isEmpty() || latestDefaults == 0) {
      throw new UsageException("no defaults among the " + tier.code() + " tier's firms in the"
          + " latest training year (after " + latestFrom + "); the PD level cannot be anchored");
    }
    double[] latestMargins = new double[holdLatest.size()];
    for (int i = 0; i < latestMargins.length; i++) {
      latestMargins[i] = margins[holdLatest.get(i)];
    }
    Calibration calibration =
        shape.anchoredTo(latestMargins, latestDefaults / (double) latestRows);
    // the rows the learner was fitted on (for the thin tier, with the full tier's borrowed rows)
    return new TierModel(ensemble, calibration, provenance, fitData.rowCount(),
        fitData.positives(), hold.size());
  }

  /** The catalogue's risk directions in feature order: both models are monotone in them. */
  private int[] directions() {
    int[] directions = new int[catalogue.size()];
    for (int j = 0; j < directions.length; j++) {
      directions[j] = catalogue.get(j).direction();
    }
    return directions;
  }

  /** Whether a firm is in the calibration hold-out (a seeded fifth of firms, all their months). */
  /**
   * How much the model remembers firms rather than learning risk (issue 14): the AUC on the rows
   * the trees were fitted on (in sample), and out of time the AUC on the firms whose earlier
   * month-ends the trees were fitted on against the firms held out for calibration, whom the
   * trees never saw. A model that generalises scores both groups alike out of time.
   */
  private Map<String, Object> memorisation(Map<String, TierModel> models, Snapshot train,
      Snapshot oot, double[] ootPd) {
    int fitted = 0;
    for (int r = 0; r < train.rows(); r++) {
      fitted += heldOut(train.firm[r]) ? 0 : 1;
    }
    double[] inPd = new double[fitted];
    boolean[] inY = new boolean[fitted];
    for (int r = 0, k = 0; r < train.rows(); r++) {
      if (!heldOut(train.firm[r])) {
        TierModel model = models.get(train.tier[r].code());
        inPd[k] = model.calibration.pd(model.ensemble.margin(train.x[r]));
        inY[k++] = train.y[r];
      }
    }
    List<Double> seenPd = new ArrayList<>();
    List<Boolean> seenY = new ArrayList<>();
    List<Double> unseenPd = new ArrayList<>();
    List<Boolean> unseenY = new ArrayList<>();
    for (int r = 0; r < oot.rows(); r++) {
      boolean unseen = heldOut(oot.firm[r]);
      (unseen ? unseenPd : seenPd).add(ootPd[r]);
      (unseen ? unseenY : seenY).add(oot.y[r]);
    }
    double inSample = Auc.of(inPd, inY);
    double ootAuc = Auc.of(ootPd, oot.y);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("in_sample_auc", finite(inSample));
    m.put("in_sample_minus_oot_auc", finite(inSample - ootAuc));
    m.put("oot_auc_training_firms", finite(auc(seenPd, seenY)));
    m.put("oot_auc_unseen_firms", finite(auc(unseenPd, unseenY)));
    m.put("oot_rows_training_firms", seenPd.size());
    m.put("oot_rows_unseen_firms", unseenPd.size());
    return m;
  }

  private static double auc(List<Double> pd, List<Boolean> y) {
    double[] p = new double[pd.size()];
    boolean[] l = new boolean[y.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = pd.get(i);
      l[i] = y.get(i);
    }
    return Auc.of(p, l);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private boolean heldOut(long firmId) {
    long h = firmId * 0x9E3779B97F4A7C15L + config.seed() * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 31;
    h *= 0x94D049BB133111EBL;
    h ^= h >>> 29;
    double u = (h >>> 11) * 0x1.0p-53;
    return u < config.calibrationShare();
  }

  /** Catalogue positions of the features computed from statements. */
  private int[] statementFeatures() {
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < catalogue.size(); j++) {
      if (catalogue.definitions().get(j).tables().contains("statements")) {
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The rows as a learner's matrix, with the rows from position {@code maskFrom} on seeing the
   * features at {@code masked} as missing.
   */
  private LabelledMatrix matrix(Snapshot s, List<Integer> rows, int[] masked, int maskFrom) {
    LabelledMatrix m = matrix(s, rows);
    double[][] x = m.rows();
    for (int i = maskFrom; i < x.length; i++) {
      x[i] = x[i].clone();
      for (int j : masked) {
        x[i][j] = Double.NaN;
      }
    }
    return m;
  }

  private LabelledMatrix matrix(Snapshot s, List<Integer> rows) {
    int[] withheld = config.withheldFeatures().stream().mapToInt(catalogue::require).toArray();
    double[][] x = new double[rows.size()][];
    boolean[] y = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = s.x[rows.get(i)];
      if (withheld.length > 0) {
        x[i] = x[i].clone();
        for (int j : withheld) {
          x[i][j] = Double.NaN; // the learner sees the feature as always missing: it never splits on it
        }
      }
      y[i] = s.y[rows.get(i)];
    }
    return new LabelledMatrix(catalogue.names(), x, y);
  }

  /**
   * Evaluation only: the true PD of every out-of-time row, or {@code null} without a truth table
   * (or when a row has none).
   */
  private static double[] oracleTruth(Connection conn, Snapshot oot) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'truth_pd'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return null;
      }
    }
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE yocho_oracle_rows (row_id INTEGER, firm_id BIGINT, as_of DATE)");
    }
    try (var appender = ((org.duckdb.DuckDBConnection) conn)
        .createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "yocho_oracle_rows")) {
      for (int r = 0; r < oot.rows(); r++) {
        appender.beginRow().append(r).append(oot.firm[r]).append(oot.asOf[r]).endRow();
      }
    }
    double[] truth = new double[oot.rows()];
    boolean[] seen = new boolean[oot.rows()];
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(Schema.resource(TrainingPipeline.class, "oracle.sql"))) {
      while (rs.next()) {
        truth[rs.getInt(1)] = rs.getDouble(2);
        seen[rs.getInt(1)] = true;
      }
    } finally {
      try (Statement st = conn.createStatement()) {
        st.execute("DROP TABLE IF EXISTS yocho_oracle_rows");
      }
    }
    for (boolean s : seen) {
      if (!s) {
        return null;
      }
    }
    return truth;
  }

  private static String dataManifestHash(Connection conn) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(Schema.resource(TrainingPipeline.class, "data_manifest.sql"))) {
      while (rs.next()) {
        text.append(rs.getString(1)).append('|').append(rs.getLong(2)).append('|')
            .append(rs.getString(3)).append('|').append(rs.getString(4)).append('\n');
      }
    }
    return sha256(text.toString());
  }

  private String contentHash(Map<String, TierModel> models, String dataHash) {
    StringBuilder text = new StringBuilder(dataHash).append(config.toString());
    models.forEach((tier, m) -> text.append(tier).append(TreeEnsembleJson.toJson(m.ensemble()))
        .append(java.util.Arrays.toString(m.calibration().margins()))
        .append(java.util.Arrays.toString(m.calibration().logits()))
        .append(m.calibration().lowerSlope()).append(m.calibration().upperSlope())
        .append(m.calibration().maxSlope()));
    return sha256(text.toString());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  private Path writeBundle(Path modelsDir, String version, Map<String, TierModel> models,
      Map<String, Object> metrics, String dataHash) throws IOException {
    Files.createDirectories(modelsDir);
    Path target = modelsDir.resolve(version);
    if (Files.exists(target)) {
      // the same data, config and seed give the same models: the bundle exists already, unchanged
      BundleManifest.verify(target, catalogue.version(), catalogue.names());
      return target;
    }
    Path tmp = Files.createTempDirectory(modelsDir, "." + version + ".tmp-");
    try {
      Map<String, Object> provenance = new LinkedHashMap<>();
      provenance.put("model_version", version);
      provenance.put("algorithm", config.algorithm().code());
      provenance.put("seed", config.seed());
      provenance.put("withheld_features", config.withheldFeatures());
      provenance.put("thin_borrows_from_full", config.thinBorrowsFromFull());
      provenance.put("train_window", config.trainFrom() + "/" + config.trainTo());
      provenance.put("oot_window", config.ootFrom() + "/" + config.ootTo());
      provenance.put("calibration_share", config.calibrationShare());
      provenance.put("calibration", Calibration.FORMAT + ", max slope d logit(PD) / d margin "
          + Calibration.DEFAULT_MAX_SLOPE);
      provenance.put("catalogue_version", catalogue.version());
      provenance.put("data_manifest_sha256", dataHash);
      provenance.put("master_scale", scale.version());
      Map<String, Object> tiers = new LinkedHashMap<>();
      for (Map.Entry<String, TierModel> e : models.entrySet()) {
        String tier = e.getKey();
        TierModel m = e.getValue();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("training_rows", m.trainingRows());
        t.put("training_defaults", m.trainingDefaults());
        t.put("calibration_rows", m.calibrationRows());
        t.put("trainer", provenanceMap(m.provenance()));
        tiers.put(tier, t);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model_version", version);
        meta.put("tier", tier);
        meta.put("algorithm", config.algorithm().code());
        meta.put("output", "raw margin (log-odds), before calibration");
        meta.put("feature_names", String.join(",", catalogue.names()));
        meta.put("catalogue_version", catalogue.version());
        meta.put("data_manifest_sha256", dataHash);
        meta.put("seed", Long.toString(config.seed()));
        meta.put("withheld_features", String.join(",", config.withheldFeatures()));
        meta.put("train_window", config.trainFrom() + "/" + config.trainTo());
        meta.put("oot_window", config.ootFrom() + "/" + config.ootTo());
        meta.put("provenance", JSON.writeValueAsString(provenanceMap(m.provenance())));
        TreeEnsembleOnnxWriter.write(m.ensemble(), meta, tmp.resolve(tier + ".onnx"));
        TreeEnsembleJson.write(m.ensemble(), tmp.resolve(tier + ".trees.json"));
        Files.writeString(tmp.resolve(tier + ".calibration.json"),
            JSON.writeValueAsString(m.calibration().toJson()));
      }
      provenance.put("tiers", tiers);
      Files.writeString(tmp.resolve("provenance.json"), JSON.writeValueAsString(provenance));
      Files.writeString(tmp.resolve("master_scale.json"), JSON.writeValueAsString(scale));
      Files.writeString(tmp.resolve("metrics.json"), JSON.writeValueAsString(metrics));
      BundleManifest.write(tmp, version, catalogue.version(), catalogue.names(),
          List.copyOf(models.keySet()));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  /** The file naming the bundle that serving uses; replaced atomically after each training run. */
  public static final String CURRENT = "CURRENT";

  private static void pointCurrentAt(Path modelsDir, String version) throws IOException {
    Path tmp = Files.createTempFile(modelsDir, ".CURRENT", ".tmp");
    Files.writeString(tmp, version + "\n");
    Files.move(tmp, modelsDir.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The trainer's provenance without its wall-clock time, so that one seed and one database give
   * byte-identical bundles (when a bundle was made is its directory's business, not its content's).
   */
  static Map<String, Object> provenanceMap(TrainingProvenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("algorithm", p.algorithm());
    m.put("library", p.library());
    m.put("trainer", p.trainer());
    m.put("hyperparameters", p.hyperparameters());
    m.put("rows", p.rows());
    m.put("positives", p.positives());
    m.put("runtime", p.runtime());
    return m;
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover hidden temporary directory does not affect bundles
    }
  }
}
