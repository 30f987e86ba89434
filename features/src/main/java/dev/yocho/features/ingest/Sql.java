package dev.yocho.features.ingest;

/** SQL text helpers for identifiers and literals the ingest writes into its statements. */
final class Sql {
  private Sql() {}

  /** A string literal: {@code 'it''s'}. */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A quoted identifier: {@code "column"}. */
  static String id(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
