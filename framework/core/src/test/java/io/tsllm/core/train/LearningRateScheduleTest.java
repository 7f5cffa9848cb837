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
  void type1HalvesEveryEpoch() {
    LearningRateSchedule s =
        LearningRateSchedule.of(new ScheduleConfig(ScheduleType.TYPE1, null, null, null, null), 1e-3, 1000);
    assertEquals(1e-3, s.at(1, 5));
    assertEquals(5e-4, s.at(2, 105));
    assertEquals(1.25e-4, s.at(4, 305));
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
