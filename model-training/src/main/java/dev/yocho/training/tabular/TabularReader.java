package dev.yocho.training.tabular;

import dev.yocho.cli.UsageException;
import dev.yocho.training.data.LabelledMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a labelled numeric table from ARFF (missing = {@code ?}) or CSV (header row; missing =
 * empty cell). Every column but the label must be numeric; the label must take exactly two
 * values, one of them the positive (default) value. Bad input is the caller's fault and raises a
 * {@link UsageException} naming the file, line and column.
 */
public final class TabularReader {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private TabularReader() {}

  /** Reads {@code file} by its extension ({@code .arff} or {@code .csv}). */
  public static LabelledMatrix read(Path file, String labelColumn, String positiveValue) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Table table;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (name.endsWith(".arff")) {
        table = readArff(reader, file);
      } else if (name.endsWith(".csv")) {
        table = readCsv(reader, file);
      } else {
        throw new UsageException("unknown data format of " + file + ": expected .arff or .csv");
      }
    } catch (NoSuchFileException e) {
      throw new UsageException("no such file: " + file);
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return toMatrix(table, file, labelColumn, positiveValue);
  }

  /** Column names, and the cells of each data row with their line numbers. */
  record Table(List<String> columns, List<String> types, List<String[]> cells,
      List<Integer> lines, String missingMarker) {}

  static Table readArff(BufferedReader reader, Path file) throws IOException {
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String[]> cells = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    boolean data = false;
    String line;
    int lineNumber = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("%")) {
        continue;
      }
      if (!data) {
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@attribute")) {
          List<String> parts = splitAttribute(trimmed.substring("@attribute".length()).strip());
          if (parts.size() != 2) {
            throw new UsageException(file + " line " + lineNumber + ": malformed @attribute");
          }
          columns.add(parts.get(0));
          types.add(parts.get(1));
        } else if (lower.startsWith("@data")) {
          data = true;
        } else if (!lower.startsWith("@relation")) {
          throw new UsageException(file + " line " + lineNumber + ": unexpected header line '"
              + abbreviate(trimmed) + "'");
        }
        continue;
      }
      if (trimmed.startsWith("{")) {
        throw new UsageException(file + " line " + lineNumber
            + ": sparse ARFF rows are not supported");
      }
      cells.add(splitCsv(trimmed, true, file, lineNumber));
      lines.add(lineNumber);
    }
    if (!data) {
      throw new UsageException(file + " has no @data section");
    }
    return new Table(columns, types, cells, lines, "?");
  }

  static Table readCsv(BufferedReader reader, Path file) throws IOException {
    String header = reader.readLine();
    if (header == null) {
      throw new UsageException(file + " is empty");
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    List<String> columns = new ArrayList<>();
    for (String column : splitCsv(header, false, file, 1)) {
      columns.add(column.strip());
    }
    List<String> types = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      types.add("numeric");
    }
    List<String[]> cells = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String line;
    int lineNumber = 1;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      cells.add(splitCsv(line, false, file, lineNumber));
      lines.add(lineNumber);
    }
    return new Table(columns, types, cells, lines, "");
  }

  private static LabelledMatrix toMatrix(Table table, Path file, String labelColumn,
      String positiveValue) {
    List<String> columns = table.columns();
    int label = columns.indexOf(labelColumn);
    if (label < 0) {
      throw new UsageException("no column '" + labelColumn + "' in " + file + " (columns: "
          + abbreviate(String.join(", ", columns)) + ")");
    }
    if (columns.size() < 2) {
      throw new UsageException(file + " has no feature column besides the label");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String column : columns) {
      if (!seen.add(column)) {
        throw new UsageException("column '" + column + "' appears twice in " + file);
      }
    }
    for (int j = 0; j < columns.size(); j++) {
      String type = table.types().get(j).toLowerCase(Locale.ROOT);
      if (j != label && !(type.equals("numeric") || type.equals("real")
          || type.equals("integer"))) {
        throw new UsageException("column '" + columns.get(j) + "' of " + file + " has type "
            + table.types().get(j) + "; only numeric features are supported");
      }
    }
    if (table.cells().isEmpty()) {
      throw new UsageException(file + " has no data rows");
    }
    List<String> featureNames = new ArrayList<>(columns);
    featureNames.remove(label);
    int rows = table.cells().size();
    double[][] x = new double[rows][featureNames.size()];
    String[] labels = new String[rows];
    Set<String> labelValues = new LinkedHashSet<>();
    for (int i = 0; i < rows; i++) {
      String[] cells = table.cells().get(i);
      int line = table.lines().get(i);
      if (cells.length != columns.size()) {
        throw new UsageException(file + " line " + line + ": " + cells.length + " cells, expected "
            + columns.size());
      }
      int k = 0;
      for (int j = 0; j < cells.length; j++) {
        String cell = unquote(cells[j].strip());
        if (j == label) {
          if (cell.isEmpty() || cell.equals(table.missingMarker())) {
            throw new UsageException(file + " line " + line + ": the label '" + labelColumn
                + "' is missing");
          }
          labels[i] = cell;
          labelValues.add(cell);
          continue;
        }
        x[i][k++] = parseCell(cell, table.missingMarker(), file, line, columns.get(j));
      }
    }
    if (labelValues.size() != 2) {
      throw new UsageException("label '" + labelColumn + "' of " + file + " must take exactly two"
          + " values, found " + labelValues.size() + ": " + abbreviate(String.join(", ",
          labelValues)));
    }
    String positive = null;
    for (String value : labelValues) {
      if (sameValue(value, positiveValue)) {
        positive = value;
      }
    }
    if (positive == null) {
      throw new UsageException("positive value '" + positiveValue + "' is not a value of label '"
          + labelColumn + "' (values: " + String.join(", ", labelValues) + ")");
    }
    boolean[] y = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = labels[i].equals(positive);
    }
    return new LabelledMatrix(featureNames, x, y);
  }

  private static double parseCell(String cell, String missingMarker, Path file, int line,
      String column) {
    if (cell.isEmpty() || cell.equals(missingMarker)) {
      return Double.NaN;
    }
    if (!NUMBER.matcher(cell).matches()) {
      throw new UsageException(file + " line " + line + ": column '" + column
          + "' has the non-numeric value '" + abbreviate(cell) + "'");
    }
    return Double.parseDouble(cell);
  }

  /** Equal as text, or as numbers when both are numbers ("1" and "1.0"). */
  private static boolean sameValue(String value, String wanted) {
    if (value.equals(wanted.strip())) {
      return true;
    }
    if (NUMBER.matcher(value).matches() && NUMBER.matcher(wanted.strip()).matches()) {
      return Double.parseDouble(value) == Double.parseDouble(wanted.strip());
    }
    return false;
  }

  /**
   * Splits a line on commas outside double quotes (and, for ARFF, single quotes opening a cell).
   */
  static String[] splitCsv(String line, boolean singleQuotes, Path file, int lineNumber) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
            cell.append(c);
            i++;
          } else {
            quote = 0;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"' || (singleQuotes && c == '\'' && cell.toString().isBlank())) {
        quote = c;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (quote != 0) {
      throw new UsageException(file + " line " + lineNumber + ": unterminated quote");
    }
    cells.add(cell.toString());
    return cells.toArray(new String[0]);
  }

  /** An ARFF attribute declaration: the (possibly quoted) name and the type. */
  private static List<String> splitAttribute(String rest) {
    List<String> parts = new ArrayList<>();
    String name;
    String type;
    if (rest.startsWith("'") || rest.startsWith("\"")) {
      int end = rest.indexOf(rest.charAt(0), 1);
      if (end < 0) {
        return parts;
      }
      name = rest.substring(1, end);
      type = rest.substring(end + 1).strip();
    } else {
      String[] split = rest.split("\\s+", 2);
      if (split.length < 2) {
        return parts;
      }
      name = split[0];
      type = split[1].strip();
    }
    if (type.startsWith("{")) {
      type = "nominal";
    } else {
      type = type.split("\\s+")[0];
    }
    parts.add(name);
    parts.add(type);
    return parts;
  }

  private static String unquote(String cell) {
    if (cell.length() >= 2 && (cell.charAt(0) == '\'' || cell.charAt(0) == '"')
        && cell.charAt(cell.length() - 1) == cell.charAt(0)) {
      return cell.substring(1, cell.length() - 1);
    }
    return cell;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
