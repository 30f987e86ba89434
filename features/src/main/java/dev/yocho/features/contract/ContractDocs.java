package dev.yocho.features.contract;

import java.util.List;

/**
 * {@code docs/data-contract.md}, written from the contract. {@code ContractFilesTest} fails when
 * the committed file is stale (regenerate with {@code -Dyocho.regenerate=true}).
 */
public final class ContractDocs {
  private ContractDocs() {}

  public static String markdown(Contract contract) {
    StringBuilder out = new StringBuilder();
    out.append("# yocho data contract (version ").append(contract.version()).append(")\n\n");
    out.append("<!-- Generated from features/src/main/resources/dev/yocho/features/contract/")
        .append("contract.json by ContractFilesTest; do not edit by hand. -->\n\n");
    out.append(contract.about()).append("\n\n");
    out.append("""
        Every column is required. A row that breaks the contract is not loaded: it goes to \
        `ingest_rejects(batch_id, file, line, column, value, code, message)` with one of these \
        codes, and `yocho ingest` exits with code 3:

        | code | meaning |
        |---|---|
        | `missing_value` | an empty cell |
        | `bad_type` | the text is not a value of the column's type (a number, an ISO date, true/false) |
        | `fractional_yen` | a money or count column holds a fraction (money is whole yen) |
        | `unknown_code` | a code column holds a value outside its list below |
        | `after_knowledge_date` | a date after the batch's knowledge date (a fact from the future) |
        | `known_on_a_published_day` | the row's knowledge date (the table's knowledge column) is on or before the last day already graded: a fact first known later must carry the date it became known, so that a published day, re-refreshed, gives the grades published that day |
        | `rule:NAME` | the row fails the table's rule NAME (below) |
        | `unknown_firm` | `firm_id` is in no `firms` row, neither loaded nor in the batch |
        | `key_conflict` | another row with the same key and other values is loaded or earlier in the batch |
        | `malformed_row` | a CSV line with the wrong number of fields or broken quoting |

        A row identical to one already loaded (or earlier in the batch) is a duplicate: counted, \
        not loaded again. For every batch, rows read = accepted + rejected + duplicates.

        Input that cannot be read at all — a missing file, a file named after no table, a header \
        that lacks a column or has an unknown one, bytes that are not valid in the encoding — \
        stops the ingest with exit code 2 and one line naming the problem; nothing is loaded.

        **Knowledge time.** Every fact carries the date yocho could first know it: the column \
        named under *known from* below; tables without one take the batch's knowledge date \
        (`--knowledge-date`, else the batch directory's name when it is a date, else today). \
        Features as of D see only facts known by D. A late fact, a restatement or a correction \
        is a new row with its own knowledge date; nothing is overwritten. The data are complete \
        through the latest knowledge date ingested (`dataset_info.window_to`); no date after it \
        can be graded.

        """);
    for (TableContract t : contract.tables()) {
      out.append("## `").append(t.name()).append("`\n\n");
      out.append(t.description()).append("\n\n");
      out.append("File: `").append(t.name()).append(".csv` or `").append(t.name())
          .append(".parquet`. Key: `").append(String.join("`, `", t.key())).append("`. Known from: ")
          .append(t.knowledgeColumn().isPresent() ? "`" + t.knowledge() + "`" : t.knowledge())
          .append(".\n\n");
      out.append("| column | type | unit | allowed values | description |\n");
      out.append("|---|---|---|---|---|\n");
      for (ColumnContract c : t.columns()) {
        List<String> codes = contract.codes(c);
        String allowed = codes.isEmpty() ? (c.references() != null ? "a `" + c.references()
            + "` key" : "") : "`" + String.join("`, `", codes) + "`";
        out.append("| `").append(c.name()).append("` | ").append(c.type()).append(" | ")
            .append(c.unit()).append(" | ").append(allowed).append(" | ")
            .append(c.description()).append(" |\n");
      }
      out.append('\n');
      if (!t.rules().isEmpty()) {
        out.append("Rules:\n\n");
        for (RuleContract r : t.rules()) {
          out.append("- `rule:").append(r.name()).append("`: ").append(r.message())
              .append(" (`").append(r.check().replace("|", "\\|")).append("`)\n");
        }
        out.append('\n');
      }
    }
    return out.toString().stripTrailing() + "\n";
  }
}
