package dev.yocho.features.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creates the data model's tables from the DDL resources, and names them. */
public final class Schema {
  /** Observable tables, in the order the DDL creates them. */
  public static final List<String> OBSERVABLE_TABLES =
      List.of(
          "firms",
          "statements",
          "monthly_trial_balances",
          "inquiries",
          "events",
          "guarantee_applications",
          "defaults",
          "closures",
          "dataset_info");

  /** The ingest's record of batches and rejected rows (never read by features or training). */
  public static final List<String> INGEST_TABLES = List.of("ingest_batches", "ingest_rejects");

  /** Truth tables: evaluation only, never read by training or scoring. */
  public static final List<String> TRUTH_TABLES = List.of("truth_pd", "truth_manifest");

  private Schema() {}

  /**
   * Creates the observable tables (DDL written from the data contract, {@code observable.sql})
   * and the ingest's record of batches and rejects.
   */
  public static void createObservable(Connection connection) throws SQLException {
    execute(connection, resource("observable.sql"));
    createIngestRecord(connection);
  }

  /** Creates {@code ingest_batches} and {@code ingest_rejects} when they are missing. */
  public static void createIngestRecord(Connection connection) throws SQLException {
    execute(connection, absoluteResource("/dev/yocho/features/ingest/ingest.sql"));
  }

  public static void createTruth(Connection connection) throws SQLException {
    execute(connection, resource("truth.sql"));
  }

  /** The text of a SQL resource that lives beside {@code anchor}'s package. */
  public static String resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + name + " beside " + anchor);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    return resource(Schema.class, name);
  }

  private static String absoluteResource(String path) {
    try (InputStream in = Schema.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Executes a script of {@code ;}-terminated statements ({@code --} comments; no semicolons inside literals). */
  public static void execute(Connection connection, String script) throws SQLException {
    try (Statement st = connection.createStatement()) {
      for (String sql : stripComments(script).split(";")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
    }
  }

  private static String stripComments(String sql) {
    StringBuilder out = new StringBuilder();
    for (String line : sql.split("\n")) {
      int dash = line.indexOf("--");
      out.append(dash >= 0 ? line.substring(0, dash) : line).append('\n');
    }
    return out.toString();
  }
}
