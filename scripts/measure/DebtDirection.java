// Measurement used for README figures (issue 15); run from the repository root:
//   java -cp model-training/target/yocho-model-training.jar scripts/measure/DebtDirection.java DB
// (a single-file Java program; DB is an absolute path to a yocho DuckDB file, opened read-only)
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import java.sql.*;
import java.time.LocalDate;
import java.util.*;

/** Marginal and conditional relation of debt_to_monthly_sales to the true PD (evaluation only). */
public class DebtDirection {
  public static void main(String[] a) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + a[0], readOnly())) {
      List<LocalDate> dates = new ArrayList<>();
      for (int m = 1; m <= 12; m++) dates.add(LocalDate.of(2023, m, 1).plusMonths(1).minusDays(1));
      FeatureMatrix f = new BatchFeatures().compute(c, dates);
      Map<String, Double> truth = new HashMap<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT firm_id, as_of, one_year_pd FROM truth_pd WHERE as_of BETWEEN DATE '2023-01-01' AND DATE '2023-12-31'")) {
        while (rs.next()) truth.put(rs.getLong(1) + "|" + rs.getDate(2).toLocalDate(), rs.getDouble(3));
      }
      FeatureCatalogue cat = FeatureCatalogue.current();
      String[] cols = {"debt_to_monthly_sales", "equity_ratio", "cash_days_on_hand", "interest_burden_to_sales",
          "operating_margin", "ordinary_profit_to_total_capital", "ebitda_net_debt_multiple", "sales_growth"};
      int[] idx = Arrays.stream(cols).mapToInt(cat::require).toArray();
      List<double[]> rows = new ArrayList<>();
      for (int r = 0; r < f.rows(); r++) {
        Double t = truth.get(f.firmId(r) + "|" + f.asOf(r));
        if (t == null) continue;
        double[] v = new double[idx.length + 1];
        boolean ok = true;
        for (int k = 0; k < idx.length; k++) { v[k] = f.value(r, idx[k]); if (Double.isNaN(v[k])) ok = false; }
        if (!ok) continue;
        v[idx.length] = Math.log(t / (1 - t));
        rows.add(v);
      }
      System.out.println("rows " + rows.size());
      rows.sort(Comparator.comparingDouble(v -> v[0]));
      int n = rows.size();
      System.out.println("marginal: decile of debt_to_monthly_sales -> mean value, mean true PD, mean equity ratio, mean cash days");
      for (int d = 0; d < 10; d++) {
        double s = 0, pd = 0, eq = 0, cash = 0; int k = 0;
        for (int i = d * n / 10; i < (d + 1) * n / 10; i++) {
          double[] v = rows.get(i); s += v[0]; pd += 1 / (1 + Math.exp(-v[idx.length])); eq += v[1]; cash += v[2]; k++;
        }
        System.out.printf(Locale.ROOT, "  %d  %7.2f  %.4f  %.3f  %6.1f%n", d, s / k, pd / k, eq / k, cash / k);
      }
      // OLS of logit(true PD) on the columns: conditional sign of each
      for (int drop = 0; drop < 2; drop++) {
        int p = idx.length + 1;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        for (double[] v : rows) {
          double[] x = new double[p];
          x[0] = 1;
          for (int k = 0; k < idx.length; k++) x[k + 1] = (drop == 1 && k > 0 && k != 1 && k != 2) ? 0 : v[k];
          for (int i = 0; i < p; i++) { xty[i] += x[i] * v[idx.length]; for (int j = 0; j < p; j++) xtx[i][j] += x[i] * x[j]; }
        }
        for (int i = 0; i < p; i++) xtx[i][i] += 1e-6;
        double[] b = solve(xtx, xty);
        System.out.println(drop == 0 ? "OLS logit(true PD) on all eight:" : "OLS on debt, equity ratio, cash days only:");
        for (int k = 0; k < idx.length; k++) if (drop == 0 || k <= 2) System.out.printf(Locale.ROOT, "  %-34s %+.5f%n", cols[k], b[k + 1]);
      }
    }
  }
  static Properties readOnly() {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return p;
  }

  static double[] solve(double[][] A, double[] y) {
    int n = y.length; double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) { System.arraycopy(A[i], 0, m[i], 0, n); m[i][n] = y[i]; }
    for (int c = 0; c < n; c++) {
      int piv = c; for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
      double[] t = m[c]; m[c] = m[piv]; m[piv] = t;
      for (int r = 0; r < n; r++) if (r != c) { double f = m[r][c] / m[c][c]; for (int k = c; k <= n; k++) m[r][k] -= f * m[c][k]; }
    }
    double[] b = new double[n]; for (int i = 0; i < n; i++) b[i] = m[i][n] / m[i][i]; return b;
  }
}
