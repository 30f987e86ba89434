package dev.yocho.features.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data contract of the observable tables, read from {@code contract.json}.
 *
 * @param version the contract's version
 * @param about what a file of the contract looks like, in a sentence or two
 * @param vocabularies the closed code lists, by name
 * @param tables the tables, in the order the DDL creates them and an ingest loads them
 */
public record Contract(
    int version, String about, Map<String, List<String>> vocabularies, List<TableContract> tables) {
  private static final Contract INSTANCE = load();

  public Contract {
    Objects.requireNonNull(about, "about");
    vocabularies = Map.copyOf(vocabularies);
    tables = List.copyOf(tables);
    for (TableContract t : tables) {
      for (ColumnContract c : t.columns()) {
        if (c.codes() != null && !vocabularies.containsKey(c.codes())) {
          throw new IllegalStateException(t.name() + "." + c.name() + " names an unknown"
              + " vocabulary '" + c.codes() + "'");
        }
      }
    }
  }

  /** The contract shipped with yocho. */
  public static Contract get() {
    return INSTANCE;
  }

  private static Contract load() {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = Contract.class.getResourceAsStream("contract.json")) {
      if (in == null) {
        throw new IllegalStateException("missing resource contract.json beside " + Contract.class);
      }
      return mapper.readValue(in, Contract.class);
    } catch (IOException e) {
      throw new UncheckedIOException("contract.json is malformed: " + e.getMessage(), e);
    }
  }

  /** The table called {@code name}, if the contract has one. */
  public Optional<TableContract> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The codes a column may hold, or an empty list when it is not a code column. */
  public List<String> codes(ColumnContract column) {
    return column.codes() == null ? List.of() : vocabularies.get(column.codes());
  }

  /** The table names, in contract order. */
  public List<String> tableNames() {
    return tables.stream().map(TableContract::name).toList();
  }
}
