package dev.yocho.features.contract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One observable table of the contract.
 *
 * @param name the table's name, also the stem of its file name
 * @param description what a row is
 * @param knowledge the column that holds the date yocho could first know the row, or a sentence
 *     (for tables without one: the batch's knowledge date)
 * @param key the columns that identify a row; a second row with the same key and other values is
 *     rejected
 * @param columns the columns, in DDL order
 * @param rules the checks every row must pass
 */
public record TableContract(
    String name,
    String description,
    String knowledge,
    List<String> key,
    List<ColumnContract> columns,
    List<RuleContract> rules) {
  public TableContract {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(knowledge, "knowledge");
    key = List.copyOf(key);
    columns = List.copyOf(columns);
    rules = rules == null ? List.of() : List.copyOf(rules);
    for (String k : key) {
      if (columns.stream().noneMatch(c -> c.name().equals(k))) {
        throw new IllegalStateException(name + ": key column " + k + " is not a column");
      }
    }
  }

  /** The column called {@code column}. */
  public Optional<ColumnContract> column(String column) {
    return columns.stream().filter(c -> c.name().equals(column)).findFirst();
  }

  /** The column holding the row's knowledge date, if the table has one. */
  public Optional<ColumnContract> knowledgeColumn() {
    return column(knowledge);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnContract::name).toList();
  }
}
