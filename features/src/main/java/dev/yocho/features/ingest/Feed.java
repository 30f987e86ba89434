package dev.yocho.features.ingest;

import dev.yocho.features.contract.Contract;
import dev.yocho.features.contract.TableContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a database's observable tables as the daily files a source system would deliver (DESIGN
 * section 12): one directory per knowledge date, named {@code YYYY-MM-DD}, holding exactly the
 * rows first known that day, one contract CSV per table. A row's knowledge date is its table's
 * knowledge column ({@code available_at}, {@code reported_on}, an inquiry's {@code day}, …); a
 * firm is delivered on the day it was founded, so that every fact about it arrives with or after
 * it. Everything known before {@code first} goes into the directory of {@code first}: the history
 * a source hands over on the first day. Ingesting the directories in name order gives the same
 * observable tables as the database.
 */
public final class Feed {
  /**
   * Days written, clean rows per table, and the dirty rows added per kind: {@code bad_value} (the
   * last field replaced by text that is no value of its column), {@code impossible_date} (a copy
   * dated in the future of its delivery), {@code broken_totals} (a statement whose assets do not
   * add up) and {@code duplicate} (a line delivered twice).
   */
  public record Result(int days, Map<String, Long> rows, Map<String, Long> dirty) {}

  private Feed() {}

  /** The knowledge date of a row of {@code table}, as SQL. */
  static String knowledgeExpression(TableContract table) {
    if (table.name().equals("firms")) {
      return Sql.id("founded_on");
    }
    return table.knowledgeColumn().map(c -> Sql.id(c.name())).orElseThrow(() ->
        new IllegalStateException("table " + table.name() + " has no knowledge column"));
  }

  /**
   * Writes every observable table of {@code connection} (all but {@code dataset_info}) under
   * {@code dir}, which must not exist or be empty.
   */
  public static Result write(Connection connection, Path dir, LocalDate first)
      throws SQLException {
    return write(connection, dir, first, 0, 0);
  }

  /**
   * As {@link #write(Connection, Path, LocalDate)}, with a share {@code dirtyShare} of the lines
   * followed by a dirty line, for testing the quarantine: the clean rows are all there, so a feed
   * ingested with its dirty rows rejected gives the clean tables. Seeded by {@code seed}.
   */
  public static Result write(Connection connection, Path dir, LocalDate first, double dirtyShare,
      long seed) throws SQLException {
    if (!(dirtyShare >= 0 && dirtyShare < 1)) {
      throw new IllegalArgumentException("--dirty-share must be in [0, 1), was " + dirtyShare);
    }
    Map<String, Long> dirty = new TreeMap<>();
    try {
      Files.createDirectories(dir);
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("--feed directory " + dir + " is not empty");
        }
      }
      Map<String, Long> rows = new TreeMap<>();
      java.util.Set<String> days = new java.util.TreeSet<>();
      Path staging = Files.createDirectories(dir.resolve(".staging"));
      for (String name : Contract.get().tableNames()) {
        if (name.equals("dataset_info")) {
          continue;
        }
        TableContract table = Contract.get().table(name).orElseThrow();
        String columns = table.columns().stream().map(c -> Sql.id(c.name()))
            .collect(Collectors.joining(", "));
        Path out = staging.resolve(name);
        try (Statement st = connection.createStatement()) {
          long n = st.executeUpdate("COPY (SELECT " + columns + ", strftime(greatest("
              + knowledgeExpression(table) + ", DATE '" + first + "'), '%Y-%m-%d') AS yocho_day"
              + " FROM " + name + ") TO " + Sql.literal(out.toAbsolutePath().toString())
              + " (FORMAT csv, HEADER true, DELIMITER ',', PARTITION_BY (yocho_day))");
          rows.put(name, n);
        }
        if (!Files.isDirectory(out)) {
          continue; // an empty table writes nothing
        }
        List<Path> parts;
        try (Stream<Path> s = Files.list(out)) {
          parts = s.sorted().toList();
        }
        for (Path part : parts) {
          String day = part.getFileName().toString().replace("yocho_day=", "");
          LocalDate.parse(day); // a partition is always a date
          List<Path> files;
          try (Stream<Path> s = Files.list(part)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
          }
          Path target = Files.createDirectories(dir.resolve(day)).resolve(name + ".csv");
          concatenate(files, target);
          if (dirtyShare > 0) {
            soil(target, table, LocalDate.parse(day), dirtyShare,
                new java.util.SplittableRandom(seed * 1_000_003L + LocalDate.parse(day).toEpochDay()
                    * 31 + name.hashCode()), dirty);
          }
          days.add(day);
        }
      }
      deleteTree(staging);
      return new Result(days.size(), rows, dirty);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a dirty line after a share of the lines of {@code file}, counting them by kind. */
  private static void soil(Path file, TableContract table, LocalDate day, double share,
      java.util.SplittableRandom random, Map<String, Long> dirty) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<String> out = new ArrayList<>();
    out.add(lines.get(0));
    int knowledge = table.knowledgeColumn().map(c -> header.indexOf(c.name())).orElse(-1);
    int totalAssets = header.indexOf("total_assets");
    for (String line : lines.subList(1, lines.size())) {
      out.add(line);
      if (random.nextDouble() >= share || line.contains("\"")) {
        continue; // quoted fields (a comma in a name) are left alone
      }
      String[] f = line.split(",", -1);
      int kind = random.nextInt(totalAssets >= 0 ? 4 : 3);
      String copy;
      String code;
      if (kind == 0) {
        f[f.length - 1] = "#bad";
        copy = String.join(",", f);
        code = "bad_value";
      } else if (kind == 1 && knowledge >= 0) {
        f[knowledge] = day.plusYears(50).toString();
        copy = String.join(",", f);
        code = "impossible_date";
      } else if (kind == 3) {
        f[totalAssets] = Long.toString(Long.parseLong(f[totalAssets]) * 2 + 1_000_000);
        copy = String.join(",", f);
        code = "broken_totals";
      } else {
        copy = line;
        code = "duplicate";
      }
      out.add(copy);
      dirty.merge(code, 1L, Long::sum);
    }
    Files.write(file, out);
  }

  /** Joins CSV parts (each with its header) into one file with one header. */
  private static void concatenate(List<Path> parts, Path target) throws IOException {
    if (parts.size() == 1) {
      Files.move(parts.get(0), target);
      return;
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      List<String> l = Files.readAllLines(parts.get(i));
      lines.addAll(i == 0 ? l : l.subList(1, l.size()));
    }
    Files.write(target, lines);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
