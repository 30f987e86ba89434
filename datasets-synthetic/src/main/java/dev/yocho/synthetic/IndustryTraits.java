package dev.yocho.synthetic;

import dev.yocho.features.model.Industry;

/**
 * How each industry looks and behaves: its share of firms, its default-risk multiplier (chosen so
 * that construction is about a fifth of defaults and accommodation about 1%, DESIGN section 9), its
 * cost structure and asset intensity, and its sensitivity to input-cost pressure.
 */
record IndustryTraits(
    Industry industry,
    double firmShare,
    double riskMultiplier,
    double cogsRatio,
    double receivableDays,
    double inventoryMonths,
    double payableMonths,
    double fixedAssetsToSales,
    double salesPerEmployee,
    double costSensitivity) {

  static final IndustryTraits[] ALL = {
    new IndustryTraits(Industry.CONSTRUCTION, 0.160, 1.25, 0.78, 60, 0.6, 1.8, 0.25, 22e6, 1.0),
    new IndustryTraits(Industry.MANUFACTURING, 0.110, 0.92, 0.75, 65, 1.2, 1.6, 0.45, 20e6, 1.0),
    new IndustryTraits(Industry.WHOLESALE, 0.090, 1.10, 0.82, 55, 1.0, 1.7, 0.15, 45e6, 0.6),
    new IndustryTraits(Industry.RETAIL, 0.120, 0.85, 0.68, 10, 1.3, 1.2, 0.30, 18e6, 0.6),
    new IndustryTraits(Industry.FOOD_SERVICE, 0.100, 1.00, 0.38, 5, 0.2, 0.6, 0.40, 7e6, 1.0),
    new IndustryTraits(Industry.ACCOMMODATION, 0.015, 0.60, 0.30, 10, 0.1, 0.5, 1.20, 9e6, 0.8),
    new IndustryTraits(Industry.TRANSPORT, 0.040, 1.30, 0.70, 45, 0.1, 1.0, 0.55, 12e6, 1.0),
    new IndustryTraits(Industry.INFORMATION, 0.040, 1.10, 0.55, 60, 0.2, 1.0, 0.15, 14e6, 0.2),
    new IndustryTraits(Industry.REAL_ESTATE, 0.090, 0.60, 0.55, 15, 2.0, 0.8, 1.60, 25e6, 0.2),
    new IndustryTraits(
        Industry.PROFESSIONAL_SERVICES, 0.080, 0.90, 0.40, 45, 0.1, 0.6, 0.15, 10e6, 0.2),
    new IndustryTraits(Industry.MEDICAL_WELFARE, 0.060, 0.70, 0.45, 50, 0.1, 0.6, 0.50, 8e6, 0.4),
    new IndustryTraits(Industry.OTHER_SERVICES, 0.095, 1.15, 0.45, 25, 0.2, 0.8, 0.30, 8e6, 0.5),
  };

  static {
    double total = 0;
    for (int i = 0; i < ALL.length; i++) {
      if (ALL[i].industry().ordinal() != i) {
        throw new ExceptionInInitializerError("industry traits out of order at " + i);
      }
      total += ALL[i].firmShare();
    }
    if (Math.abs(total - 1.0) > 1e-9) {
      throw new ExceptionInInitializerError("industry shares sum to " + total);
    }
  }

  /** Picks an industry from a uniform draw, by firm share. */
  static IndustryTraits pick(double u) {
    double c = 0;
    for (IndustryTraits t : ALL) {
      c += t.firmShare();
      if (u < c) {
        return t;
      }
    }
    return ALL[ALL.length - 1];
  }
}
