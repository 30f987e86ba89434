/**
 * Ingest: files a source system delivers (CSV in UTF-8 or CP932, or Parquet, each named by its
 * table) checked row by row against the data contract and loaded one batch per transaction. The
 * checks run inside DuckDB (its CSV reader with every column read as text, then typed {@code
 * TRY_CAST}s and the contract's rules in one SQL pass), not row by row in Java. A rejected row is
 * kept in {@code ingest_rejects} with its reason; a batch is identified by the SHA-256 of its
 * files, so the same files twice change nothing.
 */
package dev.yocho.features.ingest;
