package dev.yocho.features.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one batch did. {@code rowsRead == accepted + rejected + duplicates} always holds (checked in
 * the constructor): no row is dropped without being counted.
 *
 * @param batchId SHA-256 of the batch's files
 * @param name the batch's directory, or "files"
 * @param knowledgeDate the date its facts were first known
 * @param alreadyIngested the same files were ingested before: nothing changed
 * @param rowsRead data rows in its files
 * @param accepted rows loaded
 * @param rejected rows refused (kept in {@code ingest_rejects})
 * @param duplicates rows identical to one already loaded or earlier in the batch
 * @param rejectsByCode rejected rows per reason code, most frequent first
 * @param examples the first few rejected rows
 */
public record BatchResult(
    String batchId,
    String name,
    LocalDate knowledgeDate,
    boolean alreadyIngested,
    long rowsRead,
    long accepted,
    long rejected,
    long duplicates,
    Map<String, Long> rejectsByCode,
    List<Reject> examples) {
  public BatchResult {
    Objects.requireNonNull(batchId, "batchId");
    rejectsByCode = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectsByCode));
    examples = List.copyOf(examples);
    if (rowsRead != accepted + rejected + duplicates) {
      throw new IllegalStateException("batch " + name + ": rows read " + rowsRead + " != accepted "
          + accepted + " + rejected " + rejected + " + duplicates " + duplicates);
    }
  }

  /**
   * One rejected row.
   *
   * @param file the file's name
   * @param line its line (the header is line 1)
   * @param column the column at fault, or null for a rule over several
   * @param value the value as read
   * @param code the reason code
   * @param message the reason, for a person
   */
  public record Reject(String file, long line, String column, String value, String code,
      String message) {}
}
