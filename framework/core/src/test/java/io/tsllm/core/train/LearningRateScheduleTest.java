package io.tsllm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.core.config.ScheduleConfig;
import io.tsllm.core.config.ScheduleType;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void constantNeverChanges() {
    LearningRateSchedule s = LearningRateSchedule.of(ScheduleConfig.constant(), 1e-3, 1000);
    assertEquals(1e-3, s.at(1, 0));
    assertEquals(1e-3, s.at(9, 999));
  }

  @Test
  void type1HalvesEveryEpochAfterTheSecondAsTheCodeSetsItAfterEachEpoch() {
    // LTSF-Linear: adjust_learning_rate(optimizer, epoch + 1) after each epoch sets lr * 0.5 ** (epoch - 1).
    LearningRateSchedule s =
        LearningRateSchedule.of(new ScheduleConfig(ScheduleType.TYPE1, null, null, null, null), 1e-3, 1000);
    assertEquals(1e-3, s.at(1, 5));
    assertEquals(1e-3, s.at(2, 105));
    assertEquals(5e-4, s.at(3, 205));
    assertEquals(2.5e-4, s.at(4, 305));
  }

  @Test
  void type3KeepsTheRateThroughEpochFourThenDecaysByATenth() {
    LearningRateSchedule s = LearningRateSchedule.of(schedule(ScheduleType.TYPE3, false), 1e-4, 1000);
    assertEquals(1e-4, s.at(1, 0), 1e-15);
    assertEquals(1e-4, s.at(4, 300), 1e-15);
    assertEquals(0.9e-4, s.at(5, 400), 1e-15);
    assertEquals(1e-4 * Math.pow(0.9, 96), s.at(100, 9900), 1e-15);
  }

  @Test
  void patchTstsOneCycleStartRunsTheFirstEpochAtTheCyclesInitialRate() {
    // PatchTST builds OneCycleLR(max_lr=lr) before training even for type3; its constructor sets lr / 25 and
    // beta1 = 0.95 (python3-torch 1.13: 4.000000000000002e-06 and (0.95, 0.999) for lr 1e-4), and only the
    // epoch-end adjustment changes the rate again.
    ScheduleConfig config = schedule(ScheduleType.TYPE3, true);
    LearningRateSchedule s = LearningRateSchedule.of(config, 1e-4, 1000);
    assertEquals(4e-6, s.at(1, 0), 1e-18);
    assertEquals(1e-4, s.at(2, 100), 1e-15);
    assertEquals(0.95, config.constantBeta1(0.9));
    assertEquals(0.9, schedule(ScheduleType.TYPE3, false).constantBeta1(0.9));
  }

  @Test
  void tstIsPyTorchsOneCycleWithBeta1Cycling() {
    // torch.optim.lr_scheduler.OneCycleLR(Adam(lr=1e-4), steps_per_epoch=10, epochs=10, pct_start=0.3,
    // max_lr=1e-4), printed by python3-torch 1.13 before each optimizer step.
    ScheduleConfig config = schedule(ScheduleType.TST, false);
    LearningRateSchedule s = LearningRateSchedule.of(config, 1e-4, 100);
    OneCycle cycle = OneCycle.of(config, 1e-4, 100);
    double[][] torch = {
        {0, 4.000000000000002e-06, 0.95}, {1, 4.281378056590748e-06, 0.9497068978577179},
        {14, 4.9401332387899956e-05, 0.9027069454292709}, {28, 9.971862194340926e-05, 0.850293102142282},
        {29, 0.0001, 0.85}, {30, 9.994965352845243e-05, 0.8500503466729342},
        {50, 7.938934505757321e-05, 0.8706107373853763}, {99, 3.9999999999999996e-10, 0.95}};
    for (double[] row : torch) {
      long step = (long) row[0];
      assertEquals(row[1], s.at(1 + (int) (step / 10), step), 1e-18, "lr at step " + step);
      assertEquals(row[2], cycle.beta1(step), 1e-12, "beta1 at step " + step);
    }
  }

  @Test
  void cosineEpochsIsCosineAnnealingLrSteppedAfterEachEpoch() {
    LearningRateSchedule s = LearningRateSchedule.of(schedule(ScheduleType.COSINE_EPOCHS, false), 1e-3, 1000);
    assertEquals(1e-3, s.at(1, 0), 1e-15);
    assertEquals(1e-8 + (1e-3 - 1e-8) * (1 + Math.cos(Math.PI / 20)) / 2, s.at(2, 100), 1e-15);
    assertEquals(1e-8 + (1e-3 - 1e-8) / 2, s.at(11, 1000), 1e-15);
  }

  private static ScheduleConfig schedule(ScheduleType type, boolean oneCycleStart) {
    return new ScheduleConfig(type, null, null, null, null, null, null, null, null, null, null, oneCycleStart);
  }

  @Test
  void cosineWarmsUpLinearlyThenDecaysToTheFloor() {
    LearningRateSchedule s =
        LearningRateSchedule.of(new ScheduleConfig(ScheduleType.COSINE, 10, 1e-5, null, null), 1e-3, 110);
    assertEquals(1e-4, s.at(1, 0), 1e-12, "first warm-up step");
    assertEquals(1e-3, s.at(1, 9), 1e-12, "end of warm-up");
    assertEquals(1e-3, s.at(1, 10), 1e-12, "decay starts at the base rate");
    assertEquals(1e-5 + (1e-3 - 1e-5) / 2, s.at(1, 60), 1e-12, "half way");
    assertEquals(1e-5, s.at(2, 110), 1e-12, "the floor at the end");
  }

  @Test
  void cyclicIsTriangularBetweenBaseAndMax() {
    LearningRateSchedule s =
        LearningRateSchedule.of(new ScheduleConfig(ScheduleType.CYCLIC, null, null, 1e-2, 100), 1e-3, 1000);
    assertEquals(1e-3, s.at(1, 0), 1e-12);
    assertEquals(5.5e-3, s.at(1, 50), 1e-12);
    assertEquals(1e-2, s.at(1, 100), 1e-12);
    assertEquals(1e-3, s.at(1, 200), 1e-12);
    assertEquals(1e-2, s.at(1, 300), 1e-12);
  }
}
