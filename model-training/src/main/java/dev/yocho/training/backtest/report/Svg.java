package dev.yocho.training.backtest.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Hand-written inline SVG charts for the report: no scripts, fonts or external resources, so the
 * page draws offline in any browser, and the output is byte-for-byte deterministic.
 */
final class Svg {
  static final String[] PALETTE = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf"
  };

  private Svg() {}

  /** One line of a line chart; {@code dashed} for reference lines. */
  record Series(String name, String color, List<double[]> points, boolean dashed) {}

  /** A shaded band between two curves sharing x (e.g. a confidence interval). */
  record Band(String name, String color, List<double[]> lower, List<double[]> upper) {}

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static StringBuilder open(int width, int height, String title) {
    StringBuilder s = new StringBuilder();
    s.append("<svg width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" role=\"img\" font-family=\"sans-serif\"")
        .append(" font-size=\"11\"><title>").append(esc(title)).append("</title>")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        .append("<text x=\"").append(width / 2).append("\" y=\"16\" text-anchor=\"middle\"")
        .append(" font-size=\"13\" font-weight=\"bold\">").append(esc(title)).append("</text>");
    return s;
  }

  /**
   * A line chart on linear axes with optional shaded bands; {@code xTicks} label positions,
   * formatted by {@code xLabel}.
   */
  static String lineChart(String title, String xTitle, String yTitle, double x0, double x1,
      double y0, double y1, List<Series> series, List<Band> bands, double[] xTicks,
      DoubleFunction<String> xLabel, double[] yTicks) {
    int w = 720;
    int h = 380;
    int left = 60;
    int right = 170;
    int top = 30;
    int bottom = 50;
    double pw = w - left - right;
    double ph = h - top - bottom;
    DoubleFunction<Double> sx = x -> left + (x - x0) / (x1 - x0) * pw;
    DoubleFunction<Double> sy = y -> top + ph - (y - y0) / (y1 - y0) * ph;
    StringBuilder s = open(w, h, title);
    axes(s, left, top, pw, ph);
    for (double t : yTicks) {
      double y = sy.apply(t);
      s.append(line(left, y, left + pw, y, "#e0e0e0", false));
      s.append(text(left - 6, y + 4, "end", trim(t)));
    }
    for (double t : xTicks) {
      double x = sx.apply(t);
      s.append(line(x, top + ph, x, top + ph + 4, "#000", false));
      s.append(text(x, top + ph + 16, "middle", xLabel.apply(t)));
    }
    s.append(text(left + pw / 2, h - 12, "middle", xTitle));
    s.append("<text transform=\"translate(14,").append(f(top + ph / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yTitle)).append("</text>");
    int legend = 0;
    for (Band b : bands) {
      StringBuilder d = new StringBuilder();
      for (double[] p : b.lower()) {
        d.append(d.length() == 0 ? "M" : "L").append(f(sx.apply(p[0]))).append(',')
            .append(f(sy.apply(clamp(p[1], y0, y1))));
      }
      for (int i = b.upper().size() - 1; i >= 0; i--) {
        double[] p = b.upper().get(i);
        d.append('L').append(f(sx.apply(p[0]))).append(',').append(f(sy.apply(clamp(p[1], y0, y1))));
      }
      s.append("<path d=\"").append(d).append("Z\" fill=\"").append(b.color())
          .append("\" fill-opacity=\"0.2\" stroke=\"none\"/>");
      s.append(legendItem(w - right + 10, top + 14 * legend++, b.color(), b.name(), true));
    }
    for (Series se : series) {
      StringBuilder d = new StringBuilder();
      for (double[] p : se.points()) {
        d.append(d.length() == 0 ? "M" : "L").append(f(sx.apply(p[0]))).append(',')
            .append(f(sy.apply(clamp(p[1], y0, y1))));
      }
      s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(se.color())
          .append("\" stroke-width=\"2\"").append(se.dashed() ? " stroke-dasharray=\"5,4\"" : "")
          .append("/>");
      if (se.points().size() <= 60) {
        for (double[] p : se.points()) {
          s.append("<circle cx=\"").append(f(sx.apply(p[0]))).append("\" cy=\"")
              .append(f(sy.apply(clamp(p[1], y0, y1)))).append("\" r=\"2.5\" fill=\"")
              .append(se.color()).append("\"/>");
        }
      }
      s.append(legendItem(w - right + 10, top + 14 * legend++, se.color(), se.name(), false));
    }
    return s.append("</svg>").toString();
  }

  /**
   * Realised default rate per grade with its interval against the mean PD, on a log scale from
   * {@code yMin} to 1. A zero rate is drawn at the bottom edge as an open marker.
   */
  static String calibrationChart(String title, List<String> grades, double[] meanPd,
      double[] realised, double[] lower, double[] upper, double yMin) {
    int w = 720;
    int h = 380;
    int left = 60;
    int right = 170;
    int top = 30;
    int bottom = 50;
    double pw = w - left - right;
    double ph = h - top - bottom;
    int k = grades.size();
    double lo = Math.log10(yMin);
    DoubleFunction<Double> sy = y -> top + ph - (Math.log10(Math.max(y, yMin)) - lo) / (0 - lo) * ph;
    DoubleFunction<Double> sx = i -> left + (i + 0.5) / k * pw;
    StringBuilder s = open(w, h, title);
    axes(s, left, top, pw, ph);
    for (double t = yMin; t <= 1.0001; t *= 10) {
      double y = sy.apply(t);
      s.append(line(left, y, left + pw, y, "#e0e0e0", false));
      s.append(text(left - 6, y + 4, "end", trim(100 * t) + "%"));
    }
    for (int i = 0; i < k; i++) {
      s.append(text(sx.apply(i), top + ph + 16, "middle", grades.get(i)));
    }
    s.append(text(left + pw / 2, h - 12, "middle", "grade"));
    s.append("<text transform=\"translate(14,").append(f(top + ph / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\">one-year default rate (log)</text>");
    StringBuilder pdPath = new StringBuilder();
    for (int i = 0; i < k; i++) {
      if (Double.isNaN(meanPd[i])) {
        continue;
      }
      double x = sx.apply(i);
      pdPath.append(pdPath.length() == 0 ? "M" : "L").append(f(x)).append(',')
          .append(f(sy.apply(meanPd[i])));
      if (!Double.isNaN(lower[i])) {
        s.append(line(x, sy.apply(lower[i]), x, sy.apply(upper[i]), PALETTE[1], false));
        s.append(line(x - 5, sy.apply(lower[i]), x + 5, sy.apply(lower[i]), PALETTE[1], false));
        s.append(line(x - 5, sy.apply(upper[i]), x + 5, sy.apply(upper[i]), PALETTE[1], false));
      }
      if (!Double.isNaN(realised[i])) {
        boolean zero = realised[i] < yMin;
        s.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(sy.apply(realised[i])))
            .append("\" r=\"4\" fill=\"").append(zero ? "white" : PALETTE[1])
            .append("\" stroke=\"").append(PALETTE[1]).append("\"/>");
      }
    }
    s.append("<path d=\"").append(pdPath).append("\" fill=\"none\" stroke=\"").append(PALETTE[0])
        .append("\" stroke-width=\"2\"/>");
    s.append(legendItem(w - right + 10, top, PALETTE[0], "mean PD", false));
    s.append(legendItem(w - right + 10, top + 14, PALETTE[1], "realised rate", false));
    s.append(legendItem(w - right + 10, top + 28, PALETTE[1], "Jeffreys 95% interval", false));
    s.append(text(w - right + 10, top + 52, "start", "open marker: no defaults"));
    return s.append("</svg>").toString();
  }

  /**
   * A heat map: {@code values[row][column]} coloured by {@code colour}; cells show {@code labels}
   * when given.
   */
  static String heatMap(String title, List<String> rows, List<String> columns, double[][] values,
      String[][] labels, DoubleFunction<String> colour, String legend) {
    int cell = Math.max(14, Math.min(48, 640 / Math.max(1, columns.size())));
    int rowHeight = labels == null ? 12 : 24;
    int left = 230;
    int top = 40;
    int w = left + cell * columns.size() + 20;
    int h = top + rowHeight * rows.size() + 80;
    StringBuilder s = open(Math.max(w, 420), h, title);
    for (int r = 0; r < rows.size(); r++) {
      double y = top + r * rowHeight;
      s.append("<text x=\"").append(left - 6).append("\" y=\"").append(f(y + rowHeight * 0.75))
          .append("\" text-anchor=\"end\" font-size=\"").append(labels == null ? 9 : 11)
          .append("\">").append(esc(rows.get(r))).append("</text>");
      for (int c = 0; c < columns.size(); c++) {
        double v = values[r][c];
        s.append("<rect x=\"").append(left + c * cell).append("\" y=\"").append(f(y))
            .append("\" width=\"").append(cell - 1).append("\" height=\"").append(rowHeight - 1)
            .append("\" fill=\"").append(Double.isNaN(v) ? "#f4f4f4" : colour.apply(v))
            .append("\"><title>").append(esc(rows.get(r) + " / " + columns.get(c) + ": "
                + (Double.isNaN(v) ? "n/a" : trim(v)))).append("</title></rect>");
        if (labels != null && labels[r][c] != null) {
          s.append("<text x=\"").append(f(left + c * cell + cell / 2.0)).append("\" y=\"")
              .append(f(y + rowHeight * 0.65)).append("\" text-anchor=\"middle\" font-size=\"9\">")
              .append(esc(labels[r][c])).append("</text>");
        }
      }
    }
    double yl = top + rows.size() * rowHeight + 4;
    int every = Math.max(1, (int) Math.ceil(columns.size() * 14.0 / (cell * columns.size()) ));
    for (int c = 0; c < columns.size(); c += every) {
      double x = left + c * cell + cell / 2.0;
      s.append("<text transform=\"translate(").append(f(x)).append(',').append(f(yl + 8))
          .append(") rotate(45)\" font-size=\"9\">").append(esc(columns.get(c))).append("</text>");
    }
    s.append(text(left, h - 8, "start", legend));
    return s.append("</svg>").toString();
  }

  /** Stacked bars: {@code shares[column][stack]} summing to 1 per column. */
  static String stackedBars(String title, List<String> columns, List<String> stacks,
      double[][] shares) {
    int w = 720;
    int h = 380;
    int left = 60;
    int right = 110;
    int top = 30;
    int bottom = 60;
    double pw = w - left - right;
    double ph = h - top - bottom;
    double bar = pw / Math.max(1, columns.size());
    StringBuilder s = open(w, h, title);
    axes(s, left, top, pw, ph);
    for (int t = 0; t <= 4; t++) {
      double y = top + ph - t / 4.0 * ph;
      s.append(text(left - 6, y + 4, "end", (25 * t) + "%"));
    }
    int every = Math.max(1, (int) Math.ceil(columns.size() / 12.0));
    for (int c = 0; c < columns.size(); c++) {
      double base = 0;
      for (int k = 0; k < stacks.size(); k++) {
        double v = shares[c][k];
        double y = top + ph - (base + v) * ph;
        s.append("<rect x=\"").append(f(left + c * bar + 1)).append("\" y=\"").append(f(y))
            .append("\" width=\"").append(f(Math.max(1, bar - 2))).append("\" height=\"")
            .append(f(v * ph)).append("\" fill=\"").append(PALETTE[k % PALETTE.length])
            .append("\"><title>").append(esc(columns.get(c) + " " + stacks.get(k) + ": "
                + trim(100 * v) + "%")).append("</title></rect>");
        base += v;
      }
      if (c % every == 0) {
        s.append("<text transform=\"translate(").append(f(left + c * bar + bar / 2)).append(',')
            .append(f(top + ph + 10)).append(") rotate(45)\" font-size=\"9\">")
            .append(esc(columns.get(c))).append("</text>");
      }
    }
    for (int k = 0; k < stacks.size(); k++) {
      s.append(legendItem(w - right + 10, top + 14 * k, PALETTE[k % PALETTE.length], stacks.get(k),
          true));
    }
    return s.append("</svg>").toString();
  }

  private static void axes(StringBuilder s, double left, double top, double pw, double ph) {
    s.append(line(left, top, left, top + ph, "#000", false));
    s.append(line(left, top + ph, left + pw, top + ph, "#000", false));
  }

  private static String line(double x1, double y1, double x2, double y2, String colour,
      boolean dashed) {
    return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2)
        + "\" stroke=\"" + colour + "\"" + (dashed ? " stroke-dasharray=\"4,3\"" : "") + "/>";
  }

  private static String text(double x, double y, String anchor, String text) {
    return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\">"
        + esc(text) + "</text>";
  }

  private static String legendItem(double x, double y, String colour, String name, boolean box) {
    String mark = box
        ? "<rect x=\"" + f(x) + "\" y=\"" + f(y - 8) + "\" width=\"12\" height=\"10\" fill=\""
            + colour + "\"/>"
        : line(x, y - 3, x + 12, y - 3, colour, false);
    return mark + text(x + 16, y, "start", name);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  static String trim(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String t = String.format(Locale.ROOT, "%.3f", v);
    return t.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
