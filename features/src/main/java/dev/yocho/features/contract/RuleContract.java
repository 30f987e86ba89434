package dev.yocho.features.contract;

import java.util.Objects;

/**
 * A check every row of a table must pass.
 *
 * @param name the rule's name; a row that fails it is rejected with code {@code rule:NAME}
 * @param check a DuckDB boolean expression over the row's typed columns
 * @param message what is wrong with a row that fails it, for a person to act on
 */
public record RuleContract(String name, String check, String message) {
  public RuleContract {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(message, "message");
  }
}
