package dev.yocho.synthetic;

/** The 47 prefectures with weights roughly proportional to their number of firms. */
final class Prefectures {
  private static final String[] NAMES = {
    "Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Ibaraki",
    "Tochigi", "Gunma", "Saitama", "Chiba", "Tokyo", "Kanagawa", "Niigata", "Toyama", "Ishikawa",
    "Fukui", "Yamanashi", "Nagano", "Gifu", "Shizuoka", "Aichi", "Mie", "Shiga", "Kyoto", "Osaka",
    "Hyogo", "Nara", "Wakayama", "Tottori", "Shimane", "Okayama", "Hiroshima", "Yamaguchi",
    "Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga", "Nagasaki", "Kumamoto", "Oita",
    "Miyazaki", "Kagoshima", "Okinawa"
  };
  private static final double[] WEIGHTS = {
    4.1, 0.9, 0.9, 1.7, 0.8, 0.9, 1.5, 2.2, 1.6, 1.7, 4.6, 3.7, 16.0, 6.0, 2.0, 0.9, 1.0, 0.7,
    0.7, 1.8, 1.8, 3.2, 6.0, 1.3, 0.9, 2.3, 9.0, 4.0, 0.8, 0.8, 0.4, 0.5, 1.4, 2.2, 1.0, 0.6, 0.8,
    1.1, 0.6, 3.9, 0.6, 1.0, 1.3, 0.9, 0.9, 1.3, 1.0
  };
  private static final double[] CUMULATIVE = new double[WEIGHTS.length];

  static {
    double total = 0;
    for (double w : WEIGHTS) {
      total += w;
    }
    double c = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      c += WEIGHTS[i] / total;
      CUMULATIVE[i] = c;
    }
  }

  private Prefectures() {}

  static String pick(double u) {
    for (int i = 0; i < CUMULATIVE.length; i++) {
      if (u < CUMULATIVE[i]) {
        return NAMES[i];
      }
    }
    return NAMES[NAMES.length - 1];
  }
}
