package dev.yocho.training.backtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes report.html from the metrics tree (the content of metrics.json). */
public final class HtmlReport {
  private final JsonNode m;
  private final StringBuilder html = new StringBuilder();

  private HtmlReport(JsonNode metrics) {
    this.m = metrics;
  }

  /** Renders the page. */
  public static String render(JsonNode metrics) {
    HtmlReport r = new HtmlReport(metrics);
    r.page();
    return r.html.toString();
  }

  public static void write(JsonNode metrics, Path file) throws IOException {
    Files.writeString(file, render(metrics), StandardCharsets.UTF_8);
  }

  private void page() {
    JsonNode config = m.path("config");
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>yocho validation report ").append(esc(config.path("from").asText()))
        .append(" to ").append(esc(config.path("to").asText())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:24px;max-width:1200px;color:#222}")
        .append("table{border-collapse:collapse;margin:8px 0 16px;font-size:12px}")
        .append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}")
        .append("th{background:#f0f0f0}td.l,th.l{text-align:left}")
        .append(".flag{background:#fde0dc}.warn{background:#fff3cd}")
        .append("figure{margin:12px 0}h2{border-bottom:2px solid #ddd;padding-bottom:4px}")
        .append(".scroll{overflow-x:auto}</style></head><body>\n");
    html.append("<h1>yocho validation report</h1>\n<p>As-of month-ends ")
        .append(esc(config.path("from").asText())).append(" to ")
        .append(esc(config.path("to").asText())).append(" (")
        .append(config.path("as_of_dates").asInt()).append(" dates), ")
        .append(config.path("walk_forward").asBoolean()
            ? "walk-forward: retrained at each year boundary on data visible before it"
            : "one bundle scores every date")
        .append("; data window ").append(esc(config.path("data_window").asText()))
        .append("; feature catalogue ").append(esc(config.path("catalogue_version").asText()))
        .append("; master scale ").append(esc(config.path("master_scale").asText()))
        .append(".</p>\n");
    models();
    summary();
    discrimination();
    calibration();
    stability();
    migrations();
    tabular();
    method();
    html.append("</body></html>\n");
  }

  private void models() {
    html.append("<h2>Models</h2><table><tr><th class=l>model version</th><th class=l>algorithm</th>"
        + "<th>seed</th><th class=l>training window</th><th class=l>out-of-time window</th>"
        + "<th class=l>year boundary</th><th>out-of-time AUC</th><th class=l>PSI reference"
        + " (month-ends)</th></tr>");
    for (JsonNode x : m.path("models")) {
      html.append("<tr><td class=l>").append(esc(x.path("model_version").asText()))
          .append("</td><td class=l>").append(esc(x.path("algorithm").asText()))
          .append("</td><td>").append(x.path("seed").asLong()).append("</td><td class=l>")
          .append(esc(x.path("train_window").asText())).append("</td><td class=l>")
          .append(esc(x.path("oot_window").asText())).append("</td><td class=l>")
          .append(esc(x.path("boundary").asText("—"))).append("</td><td>")
          .append(num(x.path("oot_auc"), 4)).append("</td><td class=l>")
          .append(x.path("psi_reference_dates").size()).append(" from ")
          .append(esc(x.path("psi_reference_dates").path(0).asText())).append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private void summary() {
    JsonNode h = m.path("honest");
    JsonNode p = m.path("pooled");
    int excluded = h.path("excluded_dates_labels_overlap_training").size();
    html.append("<h2>Headline: honest out of time</h2>\n<p class=protocol>Protocol: ")
        .append(esc(h.path("protocol").asText())).append(" (DESIGN section 13). ")
        .append(h.path("dates").size()).append(" of ").append(m.path("per_date").size())
        .append(" dates qualify");
    if (h.path("dates").size() > 0) {
      html.append(" (").append(esc(h.path("dates").path(0).asText())).append(" to ")
          .append(esc(h.path("dates").path(h.path("dates").size() - 1).asText())).append(')');
    }
    html.append("; ").append(excluded).append(excluded == 1 ? " date is" : " dates are")
        .append(" left out because their labels overlap training.</p>\n");
    if (h.path("firm_months").asLong() > 0) {
      figures(h);
    } else {
      html.append("<p class=flag>No date of this backtest is an honest test of its scoring"
          + " model: every figure below has labels that overlap training.</p>\n");
    }
    html.append("<h2>All dates pooled").append(excluded > 0 ? " (labels overlap training on "
        + excluded + " of them)" : "").append("</h2>");
    figures(p);
    html.append("<p>").append(esc(p.path("note").asText())).append("</p>\n");
  }

  private void figures(JsonNode p) {
    html.append("<table>");
    row("labelled firm-months", Long.toString(p.path("firm_months").asLong()));
    row("defaults within a year", Long.toString(p.path("defaults").asLong()));
    row("default rate / mean PD", pct(p.path("default_rate")) + " / " + pct(p.path("mean_pd")));
    row("AUC (DeLong 95% interval)", num(p.path("auc"), 4) + " (" + num(p.path("auc_ci95").path(0), 4)
        + "–" + num(p.path("auc_ci95").path(1), 4) + ")");
    row("accuracy ratio / KS / Brier", num(p.path("ar"), 4) + " / " + num(p.path("ks"), 4) + " / "
        + num(p.path("brier"), 5));
    row("calibration ratio (mean PD ÷ realised)", num(p.path("calibration_ratio"), 3));
    row("next-year defaults in the riskiest 1% / 5% / 10%", pct(p.path("capture_1pct")) + " / "
        + pct(p.path("capture_5pct")) + " / " + pct(p.path("capture_10pct")));
    JsonNode hl = p.path("hosmer_lemeshow");
    row("Hosmer-Lemeshow (grades)", "H = " + num(hl.path("statistic"), 2) + ", df "
        + hl.path("df").asInt() + ", p = " + num(hl.path("p_value"), 4));
    if (p.has("oracle_auc")) {
      row("oracle AUC (true PD, evaluation only) / gap to the model / mean |PD − true PD|",
          num(p.path("oracle_auc"), 4) + " / " + num(p.path("oracle_gap"), 4) + " / "
              + pct(p.path("pd_mae")));
      row("true PD's riskiest 1% / 10% hold", pct(p.path("oracle_capture_1pct")) + " / "
          + pct(p.path("oracle_capture_10pct")));
    }
    html.append("</table>\n");
  }

  private void row(String name, String value) {
    html.append("<tr><th class=l>").append(esc(name)).append("</th><td>").append(value)
        .append("</td></tr>");
  }

  private void discrimination() {
    html.append("<h2>Discrimination</h2>\n");
    JsonNode curves = m.path("curves");
    List<double[]> roc = points(curves.path("roc"));
    List<double[]> cap = points(curves.path("cap"));
    double[] ticks = {0, 0.2, 0.4, 0.6, 0.8, 1};
    figure(Svg.lineChart("ROC curve (pooled)", "false-positive rate", "true-positive rate", 0, 1,
        0, 1, List.of(new Svg.Series("model, AUC " + num(m.path("pooled").path("auc"), 4),
            Svg.PALETTE[0], roc, false), new Svg.Series("random", "#999",
            List.of(new double[] {0, 0}, new double[] {1, 1}), true)), List.of(), ticks,
        Svg::trim, ticks), "ROC");
    double share = m.path("curves").path("default_share").asDouble(0);
    figure(Svg.lineChart("CAP curve (pooled)", "share of firms, riskiest first",
        "share of next-year defaults", 0, 1, 0, 1, List.of(
            new Svg.Series("model, AR " + num(m.path("pooled").path("ar"), 4), Svg.PALETTE[0],
                cap, false),
            new Svg.Series("perfect", Svg.PALETTE[2], List.of(new double[] {0, 0},
                new double[] {share, 1}, new double[] {1, 1}), true),
            new Svg.Series("random", "#999", List.of(new double[] {0, 0}, new double[] {1, 1}),
                true)), List.of(), ticks, Svg::trim, ticks), "CAP");

    JsonNode perDate = m.path("per_date");
    List<double[]> auc = new ArrayList<>();
    List<double[]> lo = new ArrayList<>();
    List<double[]> hi = new ArrayList<>();
    List<double[]> oracle = new ArrayList<>();
    double min = 1;
    double max = 0.5;
    for (int i = 0; i < perDate.size(); i++) {
      JsonNode d = perDate.get(i);
      if (d.path("auc").isNumber()) {
        auc.add(new double[] {i, d.path("auc").asDouble()});
        double l = d.path("auc_ci95").path(0).asDouble(d.path("auc").asDouble());
        double u = d.path("auc_ci95").path(1).asDouble(d.path("auc").asDouble());
        lo.add(new double[] {i, l});
        hi.add(new double[] {i, u});
        min = Math.min(min, l);
        max = Math.max(max, u);
      }
      if (d.path("oracle_auc").isNumber()) {
        oracle.add(new double[] {i, d.path("oracle_auc").asDouble()});
        min = Math.min(min, d.path("oracle_auc").asDouble());
        max = Math.max(max, d.path("oracle_auc").asDouble());
      }
    }
    double y0 = Math.max(0, Math.floor(min * 20) / 20);
    double y1 = Math.min(1, Math.ceil(max * 20) / 20 + 0.0001);
    List<Svg.Series> series = new ArrayList<>();
    series.add(new Svg.Series("AUC", Svg.PALETTE[0], auc, false));
    if (!oracle.isEmpty()) {
      series.add(new Svg.Series("oracle AUC (true PD)", Svg.PALETTE[2], oracle, true));
    }
    int n = perDate.size();
    double[] xt = dateTicks(n);
    double[] yt = new double[(int) Math.round((y1 - y0) / 0.05) + 1];
    for (int i = 0; i < yt.length; i++) {
      yt[i] = y0 + 0.05 * i;
    }
    figure(Svg.lineChart("AUC over time", "as-of date", "AUC", -0.5, Math.max(0.5, n - 0.5), y0,
        y1, series, List.of(new Svg.Band("DeLong 95% interval", Svg.PALETTE[0], lo, hi)), xt,
        x -> perDate.path((int) x).path("as_of").asText(), yt), "AUC over time");

    html.append("<div class=scroll><table><tr><th class=l>as of</th><th class=l>model</th>"
        + "<th>live</th><th>censored</th><th>firms</th><th>defaults</th><th>rate</th>"
        + "<th>mean PD</th><th>AUC</th><th>95% interval</th><th>AR</th><th>KS</th><th>Brier</th>"
        + "<th>cal. ratio</th><th>top 1%</th><th>top 5%</th><th>top 10%</th>"
        + "<th>AUC decline z</th><th>p</th><th>HL p</th><th>PSI score</th><th>HI</th>"
        + "<th>oracle AUC</th><th>gap to oracle</th><th>oracle top 1%</th>"
        + "<th>oracle top 10%</th><th>PD MAE</th></tr>");
    for (JsonNode d : perDate) {
      double declineP = d.path("auc_decline_vs_first").path("p_value").asDouble(1);
      boolean overlap = d.path("labels_overlap_training").asBoolean();
      html.append(overlap ? "<tr class=warn><td class=l>" : "<tr><td class=l>")
          .append(esc(d.path("as_of").asText()))
          .append(d.path("in_training_window").asBoolean() ? " (in sample)"
              : overlap ? " (labels overlap training)" : "")
          .append("</td><td class=l>").append(esc(shortVersion(d.path("model_version").asText()))).append("</td><td>")
          .append(d.path("live").asLong()).append("</td><td>").append(d.path("censored").asLong())
          .append("</td><td>").append(d.path("firms").asLong()).append("</td><td>")
          .append(d.path("defaults").asLong()).append("</td><td>").append(pct(d.path("default_rate")))
          .append("</td><td>").append(pct(d.path("mean_pd"))).append("</td><td>")
          .append(num(d.path("auc"), 4)).append("</td><td>").append(num(d.path("auc_ci95").path(0), 3))
          .append("–").append(num(d.path("auc_ci95").path(1), 3)).append("</td><td>")
          .append(num(d.path("ar"), 3)).append("</td><td>").append(num(d.path("ks"), 3))
          .append("</td><td>").append(num(d.path("brier"), 5)).append("</td><td>")
          .append(num(d.path("calibration_ratio"), 3)).append("</td><td>")
          .append(pct(d.path("capture_1pct"))).append("</td><td>").append(pct(d.path("capture_5pct")))
          .append("</td><td>").append(pct(d.path("capture_10pct"))).append("</td><td>")
          .append(num(d.path("auc_decline_vs_first").path("z"), 2)).append("</td><td")
          .append(declineP < 0.05 ? " class=flag" : "").append('>')
          .append(num(d.path("auc_decline_vs_first").path("p_value"), 3)).append("</td><td>")
          .append(num(d.path("hosmer_lemeshow").path("p_value"), 3)).append("</td><td")
          .append(psiClass(d.path("psi_score").asDouble(0))).append('>')
          .append(num(d.path("psi_score"), 3)).append("</td><td>")
          .append(num(d.path("herfindahl").path("normalised"), 3)).append("</td><td>")
          .append(num(d.path("oracle_auc"), 4)).append("</td><td>")
          .append(num(d.path("oracle_gap"), 4)).append("</td><td>")
          .append(pct(d.path("oracle_capture_1pct"))).append("</td><td>")
          .append(pct(d.path("oracle_capture_10pct"))).append("</td><td>")
          .append(pct(d.path("pd_mae"))).append("</td></tr>");
    }
    html.append("</table></div>\n");
  }

  private void calibration() {
    boolean honest = m.path("honest").path("firm_months").asLong() > 0;
    JsonNode source = honest ? m.path("honest") : m.path("pooled");
    html.append(honest ? "<h2>Calibration per grade (honest out-of-time dates)</h2>\n"
        : "<h2>Calibration per grade (all dates pooled; labels overlap training)</h2>\n");
    JsonNode grades = source.path("grades");
    int k = grades.size();
    List<String> labels = new ArrayList<>();
    double[] mean = new double[k];
    double[] realised = new double[k];
    double[] lower = new double[k];
    double[] upper = new double[k];
    for (int i = 0; i < k; i++) {
      JsonNode g = grades.get(i);
      labels.add(g.path("grade").asText());
      mean[i] = g.path("mean_pd").asDouble(Double.NaN);
      realised[i] = g.path("realized_rate").asDouble(Double.NaN);
      lower[i] = g.path("jeffreys_ci95").path(0).asDouble(Double.NaN);
      upper[i] = g.path("jeffreys_ci95").path(1).asDouble(Double.NaN);
    }
    figure(Svg.calibrationChart("Realised default rate and mean PD per grade", labels, mean,
        realised, lower, upper, 1e-4), "calibration");
    html.append("<table><tr><th class=l>grade</th><th>firm-months</th><th>defaults</th>"
        + "<th>realised rate</th><th>mean PD</th><th>Jeffreys 95% interval</th>"
        + "<th>Jeffreys p (H0: PD ≥ true rate)</th><th>binomial p (H0: true rate ≤ PD)</th></tr>");
    for (JsonNode g : grades) {
      double jp = g.path("jeffreys_p").asDouble(1);
      html.append("<tr><td class=l>").append(esc(g.path("grade").asText())).append("</td><td>")
          .append(g.path("firms").asLong()).append("</td><td>").append(g.path("defaults").asLong())
          .append("</td><td>").append(pct(g.path("realized_rate"))).append("</td><td>")
          .append(pct(g.path("mean_pd"))).append("</td><td>")
          .append(pct(g.path("jeffreys_ci95").path(0))).append("–")
          .append(pct(g.path("jeffreys_ci95").path(1))).append("</td><td")
          .append(jp < 0.05 ? " class=flag" : "").append('>').append(num(g.path("jeffreys_p"), 4))
          .append("</td><td").append(g.path("binomial_p").asDouble(1) < 0.05 ? " class=flag" : "")
          .append('>').append(num(g.path("binomial_p"), 4)).append("</td></tr>");
    }
    JsonNode hl = source.path("hosmer_lemeshow");
    html.append("</table><p>Hosmer-Lemeshow over the grades: H = ").append(num(hl.path("statistic"), 2))
        .append(", ").append(hl.path("df").asInt()).append(" degrees of freedom, p = ")
        .append(num(hl.path("p_value"), 4)).append(". Flagged (red): p &lt; 0.05.</p>\n");
  }

  private void stability() {
    JsonNode config = m.path("config");
    double moderate = config.path("psi_moderate").asDouble();
    double significant = config.path("psi_significant").asDouble();
    html.append("<h2>Population stability</h2>\n<p>PSI of the score (grade distribution) and of"
        + " every feature (reference deciles plus a missing bin) against the training sample of the"
        + " model that scored the date; thresholds ").append(num(moderate)).append(" and ")
        .append(num(significant)).append(".</p>\n");
    JsonNode perDate = m.path("per_date");
    List<String> columns = new ArrayList<>();
    perDate.forEach(d -> columns.add(d.path("as_of").asText()));
    List<String> rows = new ArrayList<>();
    rows.add("score (grades)");
    perDate.path(0).path("psi_features").fieldNames().forEachRemaining(rows::add);
    double[][] values = new double[rows.size()][columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      JsonNode d = perDate.get(c);
      values[0][c] = d.path("psi_score").asDouble(Double.NaN);
      for (int r = 1; r < rows.size(); r++) {
        values[r][c] = d.path("psi_features").path(rows.get(r)).asDouble(Double.NaN);
      }
    }
    figure(Svg.heatMap("PSI against the training sample", rows, columns, values, null,
        v -> v >= significant ? "#d73027" : v >= moderate ? "#fdae61"
            : shade(v / moderate, 255, 255, 255, 166, 217, 106),
        "green: below " + num(moderate) + "; orange: " + num(moderate) + " to " + num(significant)
            + "; red: " + num(significant) + " or more"), "PSI heat map");
    html.append("<table><tr><th class=l>as of</th><th class=l>features with PSI ≥ ")
        .append(num(significant)).append("</th><th class=l>features with PSI ")
        .append(num(moderate)).append("–").append(num(significant)).append("</th></tr>");
    for (JsonNode d : perDate) {
      html.append("<tr><td class=l>").append(esc(d.path("as_of").asText())).append("</td><td class=l>")
          .append(esc(String.join(", ", list(d.path("psi_significant"))))).append("</td><td class=l>")
          .append(esc(String.join(", ", list(d.path("psi_moderate"))))).append("</td></tr>");
    }
    html.append("</table>\n");
    List<String> grades = new ArrayList<>();
    perDate.path(0).path("grade_distribution").fieldNames().forEachRemaining(grades::add);
    double[][] shares = new double[columns.size()][grades.size()];
    for (int c = 0; c < columns.size(); c++) {
      JsonNode dist = perDate.get(c).path("grade_distribution");
      double total = 0;
      for (String g : grades) {
        total += dist.path(g).asDouble();
      }
      for (int k = 0; k < grades.size(); k++) {
        shares[c][k] = total == 0 ? 0 : dist.path(grades.get(k)).asDouble() / total;
      }
    }
    figure(Svg.stackedBars("Grade distribution over time (every live firm)", columns, grades,
        shares), "grade distribution");
    html.append("<p>Concentration across grades (Herfindahl index Σ share², ECB normalised HI in"
        + " [0, 1]): pooled over the dates in the table above, column HI.</p>\n");
  }

  private void migrations() {
    JsonNode mig = m.path("migrations");
    html.append("<h2>Annual grade migrations</h2>\n");
    JsonNode pooled = mig.path("pooled");
    if (pooled.isMissingNode() || pooled.isNull()) {
      html.append("<p>").append(esc(mig.path("note").asText())).append("</p>\n");
      return;
    }
    List<String> grades = list(mig.path("grades"));
    int k = grades.size();
    List<String> columns = new ArrayList<>(grades);
    columns.add("D");
    double[][] values = new double[k][k + 1];
    String[][] labels = new String[k][k + 1];
    for (int i = 0; i < k; i++) {
      double total = pooled.path("defaults").path(i).asDouble();
      for (int j = 0; j < k; j++) {
        total += pooled.path("counts").path(i).path(j).asDouble();
      }
      for (int j = 0; j <= k; j++) {
        double c = j < k ? pooled.path("counts").path(i).path(j).asDouble()
            : pooled.path("defaults").path(i).asDouble();
        values[i][j] = total == 0 ? Double.NaN : c / total;
        labels[i][j] = total == 0 ? null : String.format(Locale.ROOT, "%.1f", 100 * c / total);
      }
    }
    figure(Svg.heatMap("Migration matrix, one year, all start dates pooled (row %)", grades,
        columns, values, labels, v -> shade(Math.sqrt(v), 255, 255, 255, 33, 102, 172),
        "rows: grade at the start; columns: grade a year later, D = defaulted; darker = more"),
        "migration matrix");
    html.append("<table><tr><th class=l>from</th><th class=l>to</th><th>firms</th><th>stay</th>"
        + "<th>upper MWB</th><th>lower MWB</th><th>monotonicity violations (significant)</th></tr>");
    List<JsonNode> rows = new ArrayList<>();
    mig.path("annual").forEach(rows::add);
    rows.add(pooled);
    for (JsonNode a : rows) {
      html.append("<tr><td class=l>").append(esc(a.path("from").asText("pooled")))
          .append("</td><td class=l>").append(esc(a.path("to").asText(""))).append("</td><td>")
          .append(a.path("firms").asLong()).append("</td><td>").append(pct(a.path("stay_share")))
          .append("</td><td>").append(num(a.path("mwb_upper"), 4)).append("</td><td>")
          .append(num(a.path("mwb_lower"), 4)).append("</td><td>")
          .append(a.path("monotonicity_violations").size()).append(" (")
          .append(a.path("monotonicity_significant").asInt()).append(")</td></tr>");
    }
    html.append("</table>\n");
    html.append("<table><tr><th class=l>pooled: from grade</th><th class=l>nearer</th>"
        + "<th class=l>farther</th><th>nearer rate</th><th>farther rate</th><th>z</th><th>p</th></tr>");
    for (JsonNode v : pooled.path("monotonicity_violations")) {
      html.append("<tr><td class=l>").append(esc(v.path("from").asText())).append("</td><td class=l>")
          .append(esc(v.path("near").asText())).append("</td><td class=l>")
          .append(esc(v.path("far").asText())).append("</td><td>").append(pct(v.path("near_rate")))
          .append("</td><td>").append(pct(v.path("far_rate"))).append("</td><td>")
          .append(num(v.path("z"), 2)).append("</td><td")
          .append(v.path("p_value").asDouble(1) < 0.05 ? " class=flag" : "").append('>')
          .append(num(v.path("p_value"), 4)).append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private void tabular() {
    JsonNode t = m.path("tabular");
    if (t.isMissingNode() || t.isNull()) {
      return;
    }
    html.append("<h2>Public data: cross-validated results</h2>\n<p>")
        .append(esc(t.path("data").asText())).append(": ").append(t.path("rows").asLong())
        .append(" rows, ").append(t.path("positives").asLong()).append(" positives (label ")
        .append(esc(t.path("label").asText())).append(" = ").append(esc(t.path("positive").asText()))
        .append("), ").append(t.path("features").asInt()).append(" features; stratified ")
        .append(t.path("folds").asInt()).append("-fold cross-validation, seed ")
        .append(t.path("seed").asLong()).append("; GBM configuration ")
        .append(esc(t.path("gbm_selection").asText("fixed"))).append(".</p><table><tr><th class=l>algorithm</th>"
            + "<th>AUC mean</th><th>AUC sd</th>");
    int folds = t.path("folds").asInt();
    for (int f = 1; f <= folds; f++) {
      html.append("<th>fold ").append(f).append("</th>");
    }
    html.append("</tr>");
    List<Svg.Series> series = new ArrayList<>();
    int colour = 0;
    var names = t.path("algorithms").fieldNames();
    double min = 1;
    while (names.hasNext()) {
      String name = names.next();
      JsonNode a = t.path("algorithms").path(name);
      html.append("<tr><td class=l>").append(esc(name)).append("</td><td>")
          .append(num(a.path("auc_mean"), 4)).append("</td><td>").append(num(a.path("auc_sd"), 4))
          .append("</td>");
      List<double[]> pts = new ArrayList<>();
      for (int f = 0; f < a.path("fold_aucs").size(); f++) {
        double v = a.path("fold_aucs").get(f).asDouble();
        html.append("<td>").append(num(v, 4)).append("</td>");
        pts.add(new double[] {f + 1, v});
        min = Math.min(min, v);
      }
      html.append("</tr>");
      series.add(new Svg.Series(name, Svg.PALETTE[colour++], pts, false));
    }
    html.append("</table>\n");
    double y0 = Math.max(0, Math.floor(min * 10) / 10);
    double[] xt = new double[folds];
    for (int f = 0; f < folds; f++) {
      xt[f] = f + 1;
    }
    double[] yt = new double[(int) Math.round((1 - y0) / 0.05) + 1];
    for (int i = 0; i < yt.length; i++) {
      yt[i] = y0 + 0.05 * i;
    }
    figure(Svg.lineChart("Held-out AUC per fold", "fold", "AUC", 0.5, folds + 0.5, y0, 1, series,
        List.of(), xt, Svg::trim, yt), "tabular folds");
  }

  private void method() {
    html.append("<h2>Method</h2><ul>")
        .append("<li>Population at each as-of date: firms founded by then that have neither"
            + " defaulted nor closed; label: a default within 365 days; a firm that closes within"
            + " the year is censored (scored, left out of labelled figures). Features are point in"
            + " time.</li>")
        .append("<li>Honest protocol (DESIGN section 13): a date's figures count as out of time"
            + " only when its scoring model was fitted on as-of dates A with A + 365 days ≤ the"
            + " date, so every training label was observed before the date's label window (date,"
            + " date + 365 days] begins; other dates are marked \"labels overlap training\" and"
            + " kept out of the headline.</li>")
        .append("<li>AUC with DeLong, DeLong and Clarke-Pearson (1988) variance; 95% Wald"
            + " interval. ECB AUC-decline test (ECB instructions for reporting validation results,"
            + " 2019): z = (AUC<sub>first date</sub> − AUC<sub>date</sub>) / σ<sub>date</sub>,"
            + " one-sided.</li>")
        .append("<li>Per grade: ECB Jeffreys test, p = Beta(D + ½, N − D + ½) CDF at the grade's"
            + " mean PD (small p: the PD underestimates risk); exact binomial test P(X ≥ D),"
            + " X ~ Bin(N, PD); Hosmer-Lemeshow over the grades with as many degrees of freedom"
            + " as non-empty grades (an external validation sample).</li>")
        .append("<li>PSI = Σ (c − r) ln(c / r) over bins, shares floored at ")
        .append(num(m.path("config").path("psi_share_floor")))
        .append(".</li><li>Migrations: firms live at both ends of a year; ECB matrix weighted"
            + " bandwidths above and below the diagonal; monotonicity: each off-diagonal rate"
            + " rising away from the diagonal, tested one-sidedly (z, p).</li>")
        .append("<li>Herfindahl: Σ share² over grades and the ECB's HI = 1 + ln((CV² + 1)/K) /"
            + " ln K.</li>")
        .append("<li>Oracle AUC and PD error read the generator's truth table, for evaluation"
            + " only; it never enters training or scoring.</li></ul>\n");
  }

  private void figure(String svg, String caption) {
    html.append("<figure data-chart=\"").append(esc(caption)).append("\">").append(svg)
        .append("</figure>\n");
  }

  private static double[] dateTicks(int n) {
    int every = Math.max(1, (int) Math.ceil(n / 8.0));
    List<Double> t = new ArrayList<>();
    for (int i = 0; i < n; i += every) {
      t.add((double) i);
    }
    return t.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static List<double[]> points(JsonNode array) {
    List<double[]> out = new ArrayList<>();
    array.forEach(p -> out.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
    return out;
  }

  private static List<String> list(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String shortVersion(String v) {
    return v.length() > 16 ? v.substring(0, 16) : v;
  }

  private static String psiClass(double v) {
    return v >= 0.25 ? " class=flag" : v >= 0.10 ? " class=warn" : "";
  }

  /** Linear blend from (r0, g0, b0) at t = 0 to (r1, g1, b1) at t = 1. */
  private static String shade(double t, int r0, int g0, int b0, int r1, int g1, int b1) {
    double u = Math.max(0, Math.min(1, t));
    return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(r0 + u * (r1 - r0)),
        (int) Math.round(g0 + u * (g1 - g0)), (int) Math.round(b0 + u * (b1 - b0)));
  }

  private static String num(JsonNode v, int digits) {
    return v.isNumber() ? String.format(Locale.ROOT, "%." + digits + "f", v.asDouble()) : "—";
  }

  private static String num(double v, int digits) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "—";
  }

  private static String num(double v) {
    return Svg.trim(v);
  }

  private static String num(JsonNode v) {
    return v.isNumber() ? Svg.trim(v.asDouble()) : "—";
  }

  private static String pct(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.2f%%", 100 * v.asDouble()) : "—";
  }

  private static String esc(String s) {
    return Svg.esc(s);
  }
}
