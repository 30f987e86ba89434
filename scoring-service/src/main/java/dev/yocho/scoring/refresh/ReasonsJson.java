package dev.yocho.scoring.refresh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.scoring.explain.Reason;
import dev.yocho.scoring.explain.ReasonCodes;
import dev.yocho.scoring.explain.ReasonEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a move's reasons ({@code explanations.reasons}): a JSON array without
 * language, so that one stored explanation renders in Japanese or English at read time. Missing
 * values (NaN) are stored as null.
 */
final class ReasonsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReasonsJson() {}

  static String write(List<Reason> reasons) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Reason r : reasons) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", r.rank());
      m.put("feature", r.feature());
      m.put("code", r.code().code());
      m.put("direction", r.direction().code());
      m.put("value_from", finiteOrNull(r.valueFrom()));
      m.put("value_to", finiteOrNull(r.valueTo()));
      m.put("contribution", r.contribution());
      m.put("share", r.share());
      List<Map<String, Object>> events = new ArrayList<>();
      for (ReasonEvent e : r.events()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("kind", e.kind().code());
        em.put("code", e.code());
        em.put("occurred_on", e.occurredOn() == null ? null : e.occurredOn().toString());
        em.put("reported_on", e.reportedOn() == null ? null : e.reportedOn().toString());
        em.put("first", e.first());
        em.put("window_days", e.windowDays());
        em.put("count_from", finiteOrNull(e.countFrom()));
        em.put("count_to", finiteOrNull(e.countTo()));
        events.add(em);
      }
      m.put("events", events);
      m.put("missing_from", r.missingFrom() == null ? null : r.missingFrom().code());
      m.put("missing_to", r.missingTo() == null ? null : r.missingTo().code());
      out.add(m);
    }
    try {
      return MAPPER.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise reasons", e);
    }
  }

  static List<Reason> read(String json, ReasonCodes codes) {
    List<Map<String, Object>> rows;
    try {
      rows = MAPPER.readValue(json, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored reasons are not valid JSON: " + e.getMessage(), e);
    }
    List<Reason> reasons = new ArrayList<>();
    for (Map<String, Object> m : rows) {
      String feature = (String) m.get("feature");
      List<ReasonEvent> events = new ArrayList<>();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> storedEvents = (List<Map<String, Object>>) m.get("events");
      for (Map<String, Object> em : storedEvents) {
        events.add(new ReasonEvent(
            ReasonEvent.Kind.valueOf(((String) em.get("kind")).toUpperCase(java.util.Locale.ROOT)),
            (String) em.get("code"), date(em.get("occurred_on")), date(em.get("reported_on")),
            (Boolean) em.get("first"), ((Number) em.get("window_days")).intValue(),
            number(em.get("count_from")), number(em.get("count_to"))));
      }
      reasons.add(new Reason(((Number) m.get("rank")).intValue(), feature, codes.of(feature),
          Reason.Direction.fromCode((String) m.get("direction")), number(m.get("value_from")),
          number(m.get("value_to")), number(m.get("contribution")), number(m.get("share")),
          events, missing(m.get("missing_from"), m.get("value_from"), feature),
          missing(m.get("missing_to"), m.get("value_to"), feature)));
    }
    return reasons;
  }

  /** A stored reason for a missing value; explanations stored before they had one: computable. */
  private static Reason.Missing missing(Object code, Object value, String feature) {
    if (code != null) {
      return Reason.Missing.fromCode((String) code);
    }
    return value == null ? Reason.Missing.NOT_COMPUTABLE : null;
  }

  private static Object finiteOrNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static double number(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }

  private static LocalDate date(Object o) {
    return o == null ? null : LocalDate.parse((String) o);
  }
}
