package dev.yocho.features.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Set;

/**
 * One column of a contract table. Every column is required (NOT NULL).
 *
 * @param name the column's name, also its CSV header
 * @param type the DuckDB type: BIGINT, INTEGER, DOUBLE, DATE, VARCHAR or BOOLEAN
 * @param unit what the number or text measures: yen, date, code, id, count, persons, ratio, flag,
 *     sign, text
 * @param description what it holds
 * @param codes the vocabulary its values come from, or null
 * @param references the table whose key it refers to (firm_id → firms), or null
 * @param primaryKey whether the DDL declares it the primary key
 */
public record ColumnContract(
    String name,
    String type,
    String unit,
    String description,
    String codes,
    String references,
    @JsonProperty("primary_key") boolean primaryKey) {
  private static final Set<String> TYPES =
      Set.of("BIGINT", "INTEGER", "DOUBLE", "DATE", "VARCHAR", "BOOLEAN");

  public ColumnContract {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(description, "description");
    if (!TYPES.contains(type)) {
      throw new IllegalStateException("column " + name + " has unknown type " + type);
    }
    if ("yen".equals(unit) && !"BIGINT".equals(type)) {
      throw new IllegalStateException("money column " + name + " must be BIGINT (whole yen)");
    }
  }

  /** Whether a value must be a whole number (BIGINT or INTEGER). */
  public boolean integral() {
    return type.equals("BIGINT") || type.equals("INTEGER");
  }
}
