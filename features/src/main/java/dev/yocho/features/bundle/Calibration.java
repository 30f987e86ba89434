package dev.yocho.features.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A continuous, strictly increasing map from raw margin to PD (DESIGN section 14), linear in
 * log-odds between knots and beyond them:
 *
 * <ul>
 *   <li>the knots are the pooled blocks of an isotonic regression (pool-adjacent-violators) of the
 *       held-out default indicator on the margin: each at its block's mean margin with the
 *       log-odds of its default rate;
 *   <li>between knots the log-odds of PD is interpolated linearly, so the map has no steps;
 *   <li>below the first knot and above the last the line continues with the tail slopes (the slope
 *       of a logistic fit of the held-out defaults on the margin), so PD keeps rising instead of
 *       being capped at the last block's rate;
 *   <li>no segment is steeper than {@link #maxSlope()}: {@code |Δ logit(PD)| <= maxSlope × |Δ
 *       margin|} everywhere. Blocks whose joining segment would be steeper are pooled. With the
 *       default {@value #DEFAULT_MAX_SLOPE} and the master scale's doubling bands (each band at
 *       least {@code ln 2} wide in log-odds), a margin change below 0.5 moves log-odds by less than
 *       0.625 and so never moves a grade by two notches.
 * </ul>
 *
 * <p>The bundle file ({@code TIER.calibration.json}) carries {@value #FORMAT} in {@code format}; a
 * calibration file of the earlier format (PD knots, flat beyond its ends) is refused with a
 * message to retrain.
 *
 * @param margins knot positions, strictly increasing
 * @param logits log-odds of PD at each knot, strictly increasing, finite
 * @param lowerSlope slope of the log-odds below the first knot, in (0, maxSlope]
 * @param upperSlope slope of the log-odds above the last knot, in (0, maxSlope]
 * @param maxSlope the bound on every slope, positive
 */
public record Calibration(
    double[] margins, double[] logits, double lowerSlope, double upperSlope, double maxSlope) {

  /** The calibration file format written and read by this version. */
  public static final String FORMAT = "isotonic-knots-logit-linear-v2";

  /** The default bound on d logit(PD) / d margin. */
  public static final double DEFAULT_MAX_SLOPE = 1.25;

  /** The least tail slope: a degenerate logistic fit still leaves the tails strictly increasing. */
  public static final double MIN_TAIL_SLOPE = 0.05;

  // a slope computed from knots may exceed the bound by rounding
  private static final double SLOPE_TOLERANCE = 1e-9;

  public Calibration {
    if (margins.length == 0 || margins.length != logits.length) {
      throw new IllegalArgumentException("calibration needs as many log-odds as knots, got "
          + margins.length + " and " + logits.length);
    }
    if (!(maxSlope > 0) || !Double.isFinite(maxSlope)) {
      throw new IllegalArgumentException("calibration max slope must be positive, was " + maxSlope);
    }
    checkSlope("lower tail", lowerSlope, maxSlope);
    checkSlope("upper tail", upperSlope, maxSlope);
    for (int i = 0; i < margins.length; i++) {
      if (!Double.isFinite(margins[i]) || !Double.isFinite(logits[i])) {
        throw new IllegalArgumentException("calibration knot " + i + " is invalid: margin "
            + margins[i] + ", log-odds " + logits[i]);
      }
      if (i > 0) {
        if (margins[i] <= margins[i - 1] || logits[i] <= logits[i - 1]) {
          throw new IllegalArgumentException("calibration must increase strictly: knot " + i
              + " (" + margins[i] + ", " + logits[i] + ") after (" + margins[i - 1] + ", "
              + logits[i - 1] + ")");
        }
        double slope = (logits[i] - logits[i - 1]) / (margins[i] - margins[i - 1]);
        if (slope > maxSlope * (1 + SLOPE_TOLERANCE)) {
          throw new IllegalArgumentException("calibration segment " + (i - 1) + "-" + i
              + " has slope " + slope + ", above the bound " + maxSlope);
        }
      }
    }
    margins = margins.clone();
    logits = logits.clone();
  }

  private static void checkSlope(String what, double slope, double maxSlope) {
    if (!(slope > 0 && slope <= maxSlope)) {
      throw new IllegalArgumentException("calibration " + what + " slope must be in (0, "
          + maxSlope + "], was " + slope);
    }
  }

  /** Log-odds of the PD of a margin. */
  public double logit(double margin) {
    if (Double.isNaN(margin)) {
      throw new IllegalArgumentException("margin is NaN");
    }
    int n = margins.length;
    if (margin <= margins[0]) {
      return logits[0] + lowerSlope * (margin - margins[0]);
    }
    if (margin >= margins[n - 1]) {
      return logits[n - 1] + upperSlope * (margin - margins[n - 1]);
    }
    int i = Arrays.binarySearch(margins, margin);
    if (i >= 0) {
      return logits[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (margin - margins[lo]) / (margins[hi] - margins[lo]);
    return logits[lo] + t * (logits[hi] - logits[lo]);
  }

  /** PD of a margin. */
  public double pd(double margin) {
    return sigmoid(logit(margin));
  }

  static double sigmoid(double logit) {
    return 1.0 / (1.0 + Math.exp(-logit));
  }

  static double logOdds(double p) {
    return Math.log(p / (1 - p));
  }

  /**
   * Fits the calibration with the {@linkplain #DEFAULT_MAX_SLOPE default slope bound}; see {@link
   * #fitIsotonic(double[], boolean[], double, double, double)}.
   */
  public static Calibration fitIsotonic(
      double[] margin, boolean[] defaulted, double priorRate, double priorWeight) {
    return fitIsotonic(margin, defaulted, priorRate, priorWeight, DEFAULT_MAX_SLOPE);
  }

  /**
   * Fits isotonic regression of {@code defaulted} on {@code margin} by pool-adjacent-violators,
   * then pools further every pair of adjacent blocks whose joining segment in log-odds is steeper
   * than {@code maxSlope}, steepest first; each block is a knot at its mean margin with the
   * log-odds of its default rate. {@code priorWeight} pseudo-observations at {@code priorRate} are
   * mixed into every block, so that no block has a rate of exactly 0 or 1. The tails take the
   * slope of a logistic regression of {@code defaulted} on {@code margin} (Platt's fit), within
   * [{@value #MIN_TAIL_SLOPE}, {@code maxSlope}].
   */
  public static Calibration fitIsotonic(
      double[] margin, boolean[] defaulted, double priorRate, double priorWeight,
      double maxSlope) {
    int n = margin.length;
    if (n == 0 || defaulted.length != n) {
      throw new IllegalArgumentException("need equally many margins and labels, got " + n + " and "
          + defaulted.length);
    }
    if (!(priorRate > 0 && priorRate < 1) || !(priorWeight > 0)) {
      throw new IllegalArgumentException("the prior needs a rate in (0, 1) and a positive weight,"
          + " got " + priorRate + " and " + priorWeight);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(margin[i])) {
        throw new IllegalArgumentException("margin " + i + " is " + margin[i]);
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(margin[a], margin[b]));
    double[] sumY = new double[n];
    double[] sumX = new double[n];
    double[] weight = new double[n];
    int blocks = 0;
    int i = 0;
    while (i < n) {
      // equal margins form one initial block, so ties never straddle a knot
      int j = i;
      double y = 0;
      double x = 0;
      while (j < n && margin[order[j]] == margin[order[i]]) {
        y += defaulted[order[j]] ? 1 : 0;
        x += margin[order[j]];
        j++;
      }
      sumY[blocks] = y;
      sumX[blocks] = x;
      weight[blocks] = j - i;
      blocks++;
      while (blocks > 1 && rate(sumY, weight, blocks - 2, priorRate, priorWeight)
          >= rate(sumY, weight, blocks - 1, priorRate, priorWeight)) {
        pool(sumY, sumX, weight, blocks - 2, blocks);
        blocks--;
      }
      i = j;
    }
    // Rates now increase strictly from block to block. Pooling two neighbours gives a rate and a
    // mean margin between theirs, so it keeps both orders strict; pool the steepest segment until
    // none is steeper than the bound.
    while (blocks > 1) {
      int steepest = -1;
      double steepestSlope = maxSlope;
      for (int b = 0; b + 1 < blocks; b++) {
        double slope = (logOdds(rate(sumY, weight, b + 1, priorRate, priorWeight))
            - logOdds(rate(sumY, weight, b, priorRate, priorWeight)))
            / (sumX[b + 1] / weight[b + 1] - sumX[b] / weight[b]);
        if (slope > steepestSlope) {
          steepest = b;
          steepestSlope = slope;
        }
      }
      if (steepest < 0) {
        break;
      }
      pool(sumY, sumX, weight, steepest, blocks);
      blocks--;
    }
    double[] knots = new double[blocks];
    double[] logit = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      knots[b] = sumX[b] / weight[b];
      logit[b] = logOdds(rate(sumY, weight, b, priorRate, priorWeight));
    }
    double tail = Math.min(maxSlope, Math.max(MIN_TAIL_SLOPE, plattSlope(margin, defaulted)));
    return new Calibration(knots, logit, tail, tail, maxSlope);
  }

  /** Merges block {@code b + 1} into block {@code b} and closes the gap ({@code blocks} in use). */
  private static void pool(double[] sumY, double[] sumX, double[] weight, int b, int blocks) {
    sumY[b] += sumY[b + 1];
    sumX[b] += sumX[b + 1];
    weight[b] += weight[b + 1];
    System.arraycopy(sumY, b + 2, sumY, b + 1, blocks - b - 2);
    System.arraycopy(sumX, b + 2, sumX, b + 1, blocks - b - 2);
    System.arraycopy(weight, b + 2, weight, b + 1, blocks - b - 2);
  }

  /**
   * The slope {@code b} of the logistic regression {@code P(default) = sigmoid(a + b × margin)},
   * by Newton's method from {@code b = 1} (30 steps at most; deterministic).
   */
  static double plattSlope(double[] margin, boolean[] defaulted) {
    double positives = 0;
    for (boolean d : defaulted) {
      positives += d ? 1 : 0;
    }
    if (positives == 0 || positives == defaulted.length) {
      return MIN_TAIL_SLOPE;
    }
    double mean = 0;
    for (double m : margin) {
      mean += m;
    }
    mean /= margin.length;
    double a = logOdds(positives / defaulted.length) - mean;
    double b = 1;
    for (int iteration = 0; iteration < 30; iteration++) {
      double ga = 0;
      double gb = 0;
      double haa = 0;
      double hab = 0;
      double hbb = 0;
      for (int k = 0; k < margin.length; k++) {
        double x = margin[k] - mean;
        double p = sigmoid(a + b * margin[k]);
        double r = (defaulted[k] ? 1 : 0) - p;
        double w = p * (1 - p);
        ga += r;
        gb += r * x;
        haa += w;
        hab += w * x;
        hbb += w * x * x;
      }
      // Newton step in (a', b) with a' = a + b × mean, the intercept at the mean margin
      double det = haa * hbb - hab * hab;
      if (!(det > 0)) {
        break;
      }
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      b += db;
      a += da - db * mean;
      if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
        break;
      }
    }
    return Double.isFinite(b) ? b : MIN_TAIL_SLOPE;
  }

  /**
   * The same shape moved in log-odds so that the mean PD of {@code sample} equals {@code
   * targetRate}: every log-odds moves by one δ, found by bisection (the mean is increasing in δ).
   * The knots' positions and every slope stay as they are.
   *
   * <p>This is how a PD scale is anchored to a central tendency: the isotonic fit gives the shape
   * (how PD rises with the margin), the anchor gives the level (the default rate expected of the
   * portfolio).
   *
   * @param sample margins whose mean PD is to equal the target (e.g. the latest year's firms)
   * @param targetRate the default rate the sample's mean PD should equal, in (0, 1)
   */
  public Calibration anchoredTo(double[] sample, double targetRate) {
    if (sample.length == 0) {
      throw new IllegalArgumentException("need at least one margin to anchor the calibration");
    }
    if (!(targetRate > 0 && targetRate < 1)) {
      throw new IllegalArgumentException("target default rate must be in (0, 1), was "
          + targetRate);
    }
    double lo = -20;
    double hi = 20;
    for (int iteration = 0; iteration < 200 && hi - lo > 1e-13; iteration++) {
      double mid = 0.5 * (lo + hi);
      if (shifted(mid).meanPd(sample) < targetRate) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return shifted(0.5 * (lo + hi));
  }

  /** Every log-odds moved by {@code delta}. */
  public Calibration shifted(double delta) {
    if (delta == 0) {
      return this;
    }
    double[] moved = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      moved[i] = logits[i] + delta;
    }
    return new Calibration(margins, moved, lowerSlope, upperSlope, maxSlope);
  }

  private double meanPd(double[] sample) {
    double sum = 0;
    for (double m : sample) {
      sum += pd(m);
    }
    return sum / sample.length;
  }

  private static double rate(
      double[] sumY, double[] weight, int block, double priorRate, double priorWeight) {
    return (sumY[block] + priorRate * priorWeight) / (weight[block] + priorWeight);
  }

  /** The bundle file's content (ordered keys). */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("max_slope", maxSlope);
    json.put("lower_slope", lowerSlope);
    json.put("upper_slope", upperSlope);
    json.put("margins", margins.clone());
    json.put("logits", logits.clone());
    return json;
  }

  /**
   * Reads a bundle's calibration file content.
   *
   * @throws IllegalArgumentException naming what is wrong, e.g. a file of the earlier format
   */
  public static Calibration fromJson(JsonNode json) {
    String format = json.path("format").asText("");
    if (!format.equals(FORMAT)) {
      if (format.isEmpty() && json.has("pds")) {
        throw new IllegalArgumentException("the calibration is the step calibration of an earlier"
            + " bundle format (PD knots, flat beyond its ends); retrain the bundle with this"
            + " version of yocho");
      }
      throw new IllegalArgumentException("unknown calibration format '" + format + "' (this"
          + " version reads " + FORMAT + ")");
    }
    return new Calibration(doubles(json, "margins"), doubles(json, "logits"),
        number(json, "lower_slope"), number(json, "upper_slope"), number(json, "max_slope"));
  }

  private static double number(JsonNode json, String key) {
    JsonNode v = json.get(key);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("the calibration has no number '" + key + "'");
    }
    return v.asDouble();
  }

  private static double[] doubles(JsonNode json, String key) {
    JsonNode array = json.get(key);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("the calibration has no array '" + key + "'");
    }
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      if (!array.get(i).isNumber()) {
        throw new IllegalArgumentException("the calibration's " + key + "[" + i + "] is not a"
            + " number");
      }
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c && Arrays.equals(margins, c.margins)
        && Arrays.equals(logits, c.logits) && Double.compare(lowerSlope, c.lowerSlope) == 0
        && Double.compare(upperSlope, c.upperSlope) == 0
        && Double.compare(maxSlope, c.maxSlope) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(margins) * 31 + Arrays.hashCode(logits);
  }

  @Override
  public String toString() {
    return "Calibration[" + margins.length + " knots, PD " + pd(margins[0]) + " … "
        + pd(margins[margins.length - 1]) + ", tail slopes " + lowerSlope + "/" + upperSlope
        + ", max slope " + maxSlope + "]";
  }
}
