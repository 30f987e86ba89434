package dev.yocho.scoring.explain;

import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.scoring.testing.RandomEnsembles;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TmpBenchTest {
  @Test
  void bench() {
    TreeEnsemble ensemble = RandomEnsembles.deep(401, 300, 6, 60, -3.3);
    float[][] rows = RandomEnsembles.rows(402, 3000, 60);
    TreeShap shap = new TreeShap(ensemble);
    TreeShap.Workspace ws = shap.newWorkspace();
    double[] phi = new double[60];
    double sink = 0;
    for (int rep = 0; rep < 3; rep++) {
      long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      for (float[] row : rows) { sink += shap.shap(row, phi, ws) + phi[3]; }
      long t1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      System.out.printf("treeshap rows/s %.0f%n", rows.length / ((t1 - t0) / 1e9));
    }
    for (int rep = 0; rep < 3; rep++) {
      long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      for (int k = 0; k < 10; k++) for (float[] row : rows) { sink += ensemble.margin(row); }
      long t1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      System.out.printf("margin rows/s %.0f%n", 10 * rows.length / ((t1 - t0) / 1e9));
    }
    if (true) return;
    BaselineShapley bs = new BaselineShapley(ensemble);
    BaselineShapley.Workspace bw = bs.newWorkspace();
    SplittableRandom r = new SplittableRandom(5);
    for (double share : new double[] {0.05, 0.1, 0.3, 1.0}) {
      float[][] xb = new float[rows.length][];
      for (int i = 0; i < rows.length; i++) xb[i] = RandomEnsembles.perturb(r, rows[i], share);
      for (int rep = 0; rep < 3; rep++) {
        long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int k = 0; k < 10; k++)
          for (int i = 0; i < rows.length; i++) { bs.attribute(rows[i], xb[i], phi, bw); sink += phi[2]; }
        long t1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        System.out.printf("baseline share %.2f pairs/s %.0f%n", share, 10 * rows.length / ((t1 - t0) / 1e9));
      }
    }
    System.out.println(sink);
  }
}
