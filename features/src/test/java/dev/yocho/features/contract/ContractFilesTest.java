package dev.yocho.features.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.model.ApplicationPurpose;
import dev.yocho.features.model.DefaultType;
import dev.yocho.features.model.EventType;
import dev.yocho.features.model.Industry;
import dev.yocho.features.model.InquirerIndustry;
import dev.yocho.features.model.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The files derived from the contract agree with it: the DDL, {@code docs/data-contract.md}, the
 * enums of the code columns. Run with {@code -Dyocho.regenerate=true} to rewrite the derived files
 * after a change to {@code contract.json}.
 */
class ContractFilesTest {
  private static final Path DDL =
      Path.of("src/main/resources/dev/yocho/features/model/observable.sql");
  private static final Path DOCS = Path.of("../docs/data-contract.md");
  private static final boolean REGENERATE = Boolean.getBoolean("yocho.regenerate");

  private final Contract contract = Contract.get();

  @Test
  void theDdlIsWrittenFromTheContract() throws IOException {
    assertUpToDate(DDL, ContractDdl.ddl(contract));
  }

  @Test
  void theDocsAreWrittenFromTheContract() throws IOException {
    assertUpToDate(DOCS, ContractDocs.markdown(contract));
  }

  @Test
  void theCreatedTablesHaveTheContractsColumnsAndTypes() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      Schema.createObservable(c);
      assertThat(contract.tableNames()).isEqualTo(Schema.OBSERVABLE_TABLES);
      for (TableContract t : contract.tables()) {
        List<String> created = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE " + t.name())) {
          while (rs.next()) {
            created.add(rs.getString(1) + " " + rs.getString(2));
          }
        }
        assertThat(created).as(t.name())
            .isEqualTo(t.columns().stream().map(col -> col.name() + " " + col.type()).toList());
      }
    }
  }

  @Test
  void codeListsAreTheEnumsCodes() {
    assertThat(contract.vocabularies().get("industry"))
        .isEqualTo(codes(Industry.values(), Industry::code));
    assertThat(contract.vocabularies().get("inquirer_industry"))
        .isEqualTo(codes(InquirerIndustry.values(), InquirerIndustry::code));
    assertThat(contract.vocabularies().get("event_type"))
        .isEqualTo(codes(EventType.values(), EventType::code));
    assertThat(contract.vocabularies().get("purpose"))
        .isEqualTo(codes(ApplicationPurpose.values(), ApplicationPurpose::code));
    assertThat(contract.vocabularies().get("default_type"))
        .isEqualTo(codes(DefaultType.values(), DefaultType::code));
  }

  @Test
  void thePolarityRuleAgreesWithEveryEventType() throws SQLException {
    RuleContract rule = contract.table("events").orElseThrow().rules().stream()
        .filter(r -> r.name().equals("polarity_matches_type")).findFirst().orElseThrow();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (EventType e : EventType.values()) {
        for (int polarity : new int[] {-1, 1}) {
          try (ResultSet rs = st.executeQuery("SELECT " + rule.check() + " FROM (SELECT '"
              + e.code() + "' AS event_type, " + polarity + " AS polarity)")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as(e + " " + polarity)
                .isEqualTo(polarity == e.polarity());
          }
        }
      }
    }
  }

  @Test
  void moneyIsWholeYenEverywhere() {
    for (TableContract t : contract.tables()) {
      for (ColumnContract c : t.columns()) {
        if (c.name().endsWith("_jpy")) {
          assertThat(c.unit()).as(t.name() + "." + c.name()).isEqualTo("yen");
        }
        if (c.unit().equals("yen")) {
          assertThat(c.type()).as(t.name() + "." + c.name()).isEqualTo("BIGINT");
        }
      }
    }
  }

  private static <E> List<String> codes(E[] values, Function<E, String> code) {
    return Arrays.stream(values).map(code).toList();
  }

  private static void assertUpToDate(Path file, String expected) throws IOException {
    if (REGENERATE) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(file)).as(file + " exists (regenerate with -Dyocho.regenerate=true)")
        .isTrue();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as(file + " is stale: run the test with -Dyocho.regenerate=true").isEqualTo(expected);
  }
}
