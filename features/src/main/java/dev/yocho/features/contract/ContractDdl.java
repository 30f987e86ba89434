package dev.yocho.features.contract;

import java.util.List;

/**
 * The DDL of the observable tables, written from the contract. {@code model/observable.sql} is
 * this text, committed so people can read it; {@code ContractFilesTest} fails when it is stale.
 */
public final class ContractDdl {
  private ContractDdl() {}

  /** The {@code CREATE TABLE} statements of every table in the contract, in contract order. */
  public static String ddl(Contract contract) {
    StringBuilder out = new StringBuilder();
    out.append("-- yocho data model: the observable tables (what a real monitor would have).\n");
    out.append("-- Generated from features/src/main/resources/dev/yocho/features/contract/")
        .append("contract.json\n");
    out.append("-- (ContractFilesTest; regenerate with -Dyocho.regenerate=true): do not edit by")
        .append(" hand.\n");
    out.append("-- Dates are DATE, money is whole yen (BIGINT), firm_id is BIGINT.\n");
    for (TableContract t : contract.tables()) {
      out.append("-- ").append(t.description()).append('\n');
      out.append("CREATE TABLE ").append(t.name()).append(" (\n");
      int nameWidth = t.columns().stream().mapToInt(c -> c.name().length()).max().orElse(0);
      int typeWidth = t.columns().stream().mapToInt(c -> c.type().length()).max().orElse(0);
      List<ColumnContract> columns = t.columns();
      for (int i = 0; i < columns.size(); i++) {
        ColumnContract c = columns.get(i);
        StringBuilder line = new StringBuilder("  ");
        line.append(pad(c.name(), nameWidth)).append(' ').append(pad(c.type(), typeWidth))
            .append(" NOT NULL");
        if (c.primaryKey()) {
          line.append(" PRIMARY KEY");
        }
        if (i + 1 < columns.size()) {
          line.append(',');
        }
        String comment = comment(contract, c);
        if (!comment.isEmpty()) {
          line.append("  -- ").append(comment);
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
      out.append(");\n");
    }
    return out.toString();
  }

  private static String comment(Contract contract, ColumnContract c) {
    if (c.codes() != null && String.join(" | ", contract.codes(c)).length() <= 70) {
      return String.join(" | ", contract.codes(c));
    }
    if (c.unit().equals("yen")) {
      return "yen";
    }
    return "";
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
