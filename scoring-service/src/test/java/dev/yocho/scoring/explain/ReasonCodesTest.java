package dev.yocho.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.catalogue.FeatureCatalogue;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReasonCodesTest {
  private static final String JAPANESE = ".*[\\u3040-\\u30ff\\u4e00-\\u9fff].*";

  @Test
  void everyCatalogueFeatureHasACodeWithJapaneseAndEnglishText() {
    ReasonCodes codes = ReasonCodes.standard();
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    for (int j = 0; j < catalogue.size(); j++) {
      ReasonCode code = codes.of(j);
      assertThat(code.code()).matches("R\\d\\d");
      for (Reason.Direction d : Reason.Direction.values()) {
        assertThat(code.statement(Language.JA, d)).as("ja %s", catalogue.names().get(j))
            .matches(JAPANESE);
        assertThat(code.statement(Language.EN, d)).as("en %s", catalogue.names().get(j))
            .matches("[\\x20-\\x7e]+");
      }
      assertThat(code.statement(Language.EN, Reason.Direction.ADVERSE))
          .isNotEqualTo(code.statement(Language.EN, Reason.Direction.FAVOURABLE));
    }
  }

  @Test
  void codesAreUniqueAndFamiliesGroupRelatedFeatures() {
    ReasonCodes codes = ReasonCodes.standard();
    Set<String> seen = new HashSet<>();
    for (ReasonCode c : codes.codes()) {
      assertThat(seen.add(c.code())).as("duplicate code %s", c.code()).isTrue();
    }
    assertThat(codes.of("inquiries_trade_creditor_30d"))
        .isEqualTo(codes.of("inquiries_trade_creditor_ratio_90d"));
    assertThat(codes.of("events_bounced_bill_365d")).isEqualTo(codes.of("days_since_bounced_bill"));
    assertThat(codes.of("inquiries_bank_30d")).isNotEqualTo(codes.of("inquiries_leasing_30d"));
    assertThat(codes.of("adverse_events_30d").topicEn()).contains("adverse");
  }
}
