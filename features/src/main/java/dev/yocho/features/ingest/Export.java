package dev.yocho.features.ingest;

import dev.yocho.cli.UsageException;
import dev.yocho.features.contract.TableContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes an observable table in the contract's format: the contract's columns in contract order,
 * rows in key order (then by every column, so the file is the same on every run), CSV with a
 * header in UTF-8 or Parquet.
 */
public final class Export {
  public enum Format { CSV, PARQUET }

  private Export() {}

  /** The format {@code out}'s extension names; any other extension is the caller's fault. */
  public static Format format(Path out) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return Format.PARQUET;
    }
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    throw new UsageException("--out must end in .parquet or .csv: " + out);
  }

  /** Writes {@code table} to {@code out}; returns the number of rows. */
  public static long write(Connection connection, TableContract table, Path out, Format format)
      throws SQLException {
    String columns = table.columns().stream().map(c -> Sql.id(c.name()))
        .collect(Collectors.joining(", "));
    String order = table.key().stream().map(Sql::id).collect(Collectors.joining(", "))
        + ", " + columns;
    String options = format == Format.PARQUET ? "FORMAT parquet, COMPRESSION zstd"
        : "FORMAT csv, HEADER true, DELIMITER ','";
    try (Statement st = connection.createStatement()) {
      return st.executeUpdate("COPY (SELECT " + columns + " FROM " + table.name() + " ORDER BY "
          + order + ") TO " + Sql.literal(out.toAbsolutePath().toString()) + " (" + options
          + ")");
    }
  }
}
