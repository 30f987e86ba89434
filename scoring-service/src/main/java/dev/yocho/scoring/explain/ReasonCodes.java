package dev.yocho.scoring.explain;

import dev.yocho.features.catalogue.FeatureCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reason-code table ({@code reason_codes.tsv} beside this class): driver families matched
 * against feature names, each with a stable code and its topic in Japanese and English. Loading
 * checks that every feature of the current catalogue maps to a code.
 */
public final class ReasonCodes {
  private record Row(Pattern pattern, ReasonCode code) {}

  private final List<Row> rows;
  private final ReasonCode[] byFeature;

  private ReasonCodes(List<Row> rows) {
    this.rows = List.copyOf(rows);
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    byFeature = new ReasonCode[catalogue.size()];
    for (int j = 0; j < catalogue.size(); j++) {
      byFeature[j] = match(catalogue.names().get(j));
    }
  }

  /** The table shipped with this build. */
  public static ReasonCodes standard() {
    return Holder.STANDARD;
  }

  private static final class Holder {
    static final ReasonCodes STANDARD = load();
  }

  private static ReasonCodes load() {
    String text;
    try (InputStream in = ReasonCodes.class.getResourceAsStream("reason_codes.tsv")) {
      if (in == null) {
        throw new IllegalStateException("missing resource reason_codes.tsv");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Row> rows = new ArrayList<>();
    int lineNumber = 0;
    for (String line : text.split("\n")) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length != 4) {
        throw new IllegalStateException(
            "reason_codes.tsv line " + lineNumber + " has " + cols.length + " columns, not 4");
      }
      rows.add(new Row(glob(cols[1].trim()), new ReasonCode(cols[0].trim(), cols[2].trim(),
          cols[3].trim())));
    }
    return new ReasonCodes(rows);
  }

  private static Pattern glob(String patterns) {
    StringBuilder regex = new StringBuilder();
    for (String alternative : patterns.split("\\|")) {
      if (regex.length() > 0) {
        regex.append('|');
      }
      regex.append("(?:");
      for (String part : alternative.split("\\*", -1)) {
        regex.append(Pattern.quote(part)).append(".*");
      }
      regex.setLength(regex.length() - 2); // the last part has no '*' after it
      regex.append(')');
    }
    return Pattern.compile(regex.toString());
  }

  private ReasonCode match(String feature) {
    for (Row row : rows) {
      if (row.pattern().matcher(feature).matches()) {
        return row.code();
      }
    }
    throw new IllegalStateException("reason_codes.tsv has no code for feature '" + feature + "'");
  }

  /** The code of the feature at catalogue position {@code feature}. */
  public ReasonCode of(int feature) {
    return byFeature[feature];
  }

  /** The code of the feature called {@code name}. */
  public ReasonCode of(String name) {
    return byFeature[FeatureCatalogue.current().require(name)];
  }

  /** Every distinct code in table order. */
  public List<ReasonCode> codes() {
    return rows.stream().map(Row::code).toList();
  }
}
