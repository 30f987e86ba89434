package dev.yocho.synthetic;

import java.util.SplittableRandom;

/**
 * A firm's static attributes: the observable ones written to {@code firms} and the hidden ones that
 * drive its process (health level, risk offset, cost structure, habits).
 */
final class FirmProfile {
  private static final String[] NAME_HEADS = {
    "山田", "佐藤", "鈴木", "高橋", "田中", "東和", "大和", "三協", "日本", "中央", "新光", "丸栄",
    "北斗", "旭", "富士", "平和", "昭和", "第一", "光陽", "明星", "青葉", "桜井", "松本", "若葉"
  };
  private static final String[] NAME_TAILS = {
    "建設", "工業", "商事", "商店", "食堂", "旅館", "運輸", "システム", "不動産", "事務所", "ケア",
    "サービス"
  };

  final long firmId;
  final IndustryTraits traits;
  final String prefecture;
  final String name;
  final int foundedDay;
  /** Month (on the grid) the firm is founded in; 0 for firms that exist before the grid starts. */
  final int firstMonth;
  final int employees;
  final long capitalJpy;
  final long guaranteeBalanceJpy;
  final double guaranteeCoverage;
  final boolean hasProperLoan;
  final boolean hasZeroZeroLoan;
  final boolean hasSuccessor;

  // hidden
  final double healthLevel;
  final double initialHealth;
  final double riskOffset;
  final double closureMonthly;
  final double salesBase;
  final double fixedAssetsToSales;
  final double debtLoad;
  final double spread;
  final int fiscalYearEndMonth;
  final boolean windowDresser;
  final boolean linkedAccounting;
  final boolean debtFree;
  final int ageEffectUntilMonth;

  FirmProfile(long firmId, boolean entrant, MonthGrid grid, SplittableRandom r) {
    this.firmId = firmId;
    this.traits = IndustryTraits.pick(r.nextDouble());
    this.prefecture = Prefectures.pick(r.nextDouble());
    this.name = (r.nextDouble() < 0.8 ? "株式会社" : "有限会社")
        + NAME_HEADS[r.nextInt(NAME_HEADS.length)]
        + NAME_TAILS[traits.industry().ordinal()];

    // about 60% of firms have two or fewer employees (DESIGN section 9)
    double u = r.nextDouble();
    if (u < 0.60) {
      employees = u < 0.16 ? 0 : (u < 0.40 ? 1 : 2);
    } else if (u < 0.855) {
      employees = 3 + r.nextInt(7);
    } else if (u < 0.965) {
      employees = 10 + (int) Math.floor(40 * Math.pow(r.nextDouble(), 1.8));
    } else {
      employees = 50 + (int) Math.floor(250 * Math.pow(r.nextDouble(), 2.0));
    }
    double sizeOffset = employees <= 2 ? 0.22 : (employees < 10 ? 0.0 : (employees < 50 ? -0.45 : -0.9));

    if (entrant) {
      firstMonth = grid.firstWindowMonth() + r.nextInt(grid.lastMonth() - grid.firstWindowMonth() + 1);
      foundedDay = grid.start(firstMonth) + r.nextInt(grid.days(firstMonth));
    } else {
      firstMonth = 0;
      // ages before the grid: mostly old firms, some founded in the few years before it
      double ageYears = 1 + (-Math.log(1 - r.nextDouble()) * 22);
      foundedDay = grid.start(0) - (int) Math.round(ageYears * 365.25);
    }
    // young firms (first three years) are riskier
    int foundedMonthOnGrid = (foundedDay - grid.start(0)) / 30;
    ageEffectUntilMonth = foundedMonthOnGrid + 36;

    hasZeroZeroLoan = !entrant && r.nextDouble() < 0.30;
    hasSuccessor = r.nextDouble() < 0.45;
    healthLevel = 0.75 * r.nextGaussian() + (entrant ? -0.15 : 0.0);
    initialHealth = entrant ? healthLevel - 0.5 : healthLevel + 0.6 * r.nextGaussian();
    hasProperLoan = r.nextDouble() < (healthLevel > 0 ? 0.5 : 0.25);
    riskOffset = Math.log(traits.riskMultiplier()) + sizeOffset
        + (hasZeroZeroLoan ? 0.30 : 0.0) + (hasSuccessor ? 0.0 : 0.05);
    closureMonthly = 0.0019 * (hasSuccessor ? 0.7 : 1.3) * (employees <= 2 ? 1.25 : 0.8);

    int effectiveStaff = Math.max(1, employees);
    salesBase = traits.salesPerEmployee() * Math.pow(effectiveStaff, 0.95)
        * Math.exp(0.45 * r.nextGaussian());
    fixedAssetsToSales = traits.fixedAssetsToSales() * Math.exp(0.35 * r.nextGaussian());
    debtLoad = Math.max(0.1, 1.0 - 0.35 * healthLevel + 0.2 * r.nextGaussian());
    spread = 0.0012 + 0.0035 / (1 + Math.exp(2 * healthLevel)) + 0.001 * r.nextDouble();
    fiscalYearEndMonth = fiscalYearEnd(r.nextDouble());
    windowDresser = r.nextDouble() < 0.08;
    linkedAccounting = r.nextDouble() < (employees >= 10 ? 0.35 : 0.12);
    debtFree = healthLevel > 0.3 && r.nextDouble() < 0.25;

    long capital = employees < 10 ? 1_000_000L * (1 + r.nextInt(10)) : 10_000_000L * (1 + r.nextInt(10));
    capitalJpy = capital;
    // guarantee balances: smaller firms are more often 100%-covered (責任共有制度 exemptions)
    guaranteeBalanceJpy = Math.round(salesBase * (0.08 + 0.25 * r.nextDouble()) / 10_000) * 10_000;
    double fullCoverP = employees <= 2 ? 0.80 : (employees < 10 ? 0.70 : 0.50);
    guaranteeCoverage = r.nextDouble() < fullCoverP ? 1.0 : 0.8;
  }

  private static int fiscalYearEnd(double u) {
    if (u < 0.42) {
      return 3;
    }
    if (u < 0.56) {
      return 12;
    }
    // the rest spread over the other ten months
    int[] others = {1, 2, 4, 5, 6, 7, 8, 9, 10, 11};
    return others[(int) ((u - 0.56) / 0.44 * others.length)];
  }
}
