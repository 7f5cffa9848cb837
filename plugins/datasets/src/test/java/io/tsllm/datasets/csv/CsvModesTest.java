package io.tsllm.datasets.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The field's forecasting modes, the ratio protocol, missing values and malformed rows. */
class CsvModesTest {

  static final Path ETTH1 = CsvDatasetLoaderTest.ETTH1;

  @TempDir Path temp;

  static Dataset load(Path file, String features, List<String> columns, String split, String missing,
      boolean skipBadRows) {
    CsvDatasetConfig config = new CsvDatasetConfig(file.toString(), 96, 24, features, "OT", columns, split, null,
        null, null, null, missing, skipBadRows);
    return new CsvDatasetLoader().load(config, Path::of);
  }

  @Test
  void univariateKeepsOnlyTheTarget() {
    Dataset data = load(ETTH1, "S", null, "etth", null, false);
    assertEquals(List.of("OT"), data.shape().channelNames());
    assertEquals(1, data.shape().channels());
    assertEquals(1, data.shape().targetChannels());
  }

  @Test
  void multivariateToUnivariateForecastsTheTargetAsTheLastChannel() {
    Dataset ms = load(ETTH1, "MS", null, "etth", null, false);
    Dataset m = load(ETTH1, "M", null, "etth", null, false);
    assertEquals(7, ms.shape().channels());
    assertEquals(1, ms.shape().targetChannels());
    assertEquals("OT", ms.shape().channelNames().get(6));
    float[] msTarget = new float[24];
    float[] mTarget = new float[24 * 7];
    ms.test().copyTarget(5, msTarget, 0);
    m.test().copyTarget(5, mTarget, 0);
    for (int t = 0; t < 24; t++) {
      assertEquals(mTarget[t * 7 + 6], msTarget[t], "OT at step " + t);
    }
  }

  @Test
  void chosenColumnsComeInOrderWithTheTargetLast() {
    Dataset data = load(ETTH1, "MS", List.of("OT", "LULL", "HUFL"), "etth", null, false);
    assertEquals(List.of("LULL", "HUFL", "OT"), data.shape().channelNames());
    DataException e = assertThrows(DataException.class,
        () -> load(ETTH1, "M", List.of("HUFL", "XYZ"), "etth", null, false));
    assertTrue(e.getMessage().contains("no column 'XYZ'"), e.getMessage());
  }

  @Test
  void ratioSplitFollowsTheCustomProtocol() {
    Dataset data = load(ETTH1, "M", null, "ratio", null, false);
    int rows = 17420;
    int train = (int) (rows * 0.7);
    int test = (int) (rows * 0.2);
    int validation = rows - train - test;
    assertEquals(train - 96 - 24 + 1, data.train().size());
    assertEquals(validation + 96 - 96 - 24 + 1, data.validation().size());
    assertEquals(test + 96 - 96 - 24 + 1, data.test().size());
  }

  @Test
  void missingValuesFailByDefaultNamingLineAndColumn() throws IOException {
    Path file = withGaps();
    DataException e = assertThrows(DataException.class, () -> load(file, "M", null, "ratio", "fail", false));
    assertTrue(e.getMessage().contains("line 4, column OT") && e.getMessage().contains("ffill"), e.getMessage());
  }

  @Test
  void forwardFillAndInterpolationFillGaps() throws IOException {
    Path file = withGaps();
    Dataset ffill = load(file, "M", null, "ratio", "ffill", false);
    Dataset interpolated = load(file, "M", null, "ratio", "interpolate", false);
    assertEquals(2, ffill.describe().get("missing_filled"));
    float[] a = new float[96 * 2];
    float[] b = new float[96 * 2];
    ffill.train().copyInput(0, a, 0);
    interpolated.train().copyInput(0, b, 0);
    // rows 2 and 3 (0-based) of OT are missing between 1.0 (row 1) and 4.0 (row 4)
    double scale = ((double[]) ffill.describe().get("scaler_scale"))[1];
    double mean = ((double[]) ffill.describe().get("scaler_mean"))[1];
    assertEquals(1.0, a[2 * 2 + 1] * scale + mean, 1e-5, "carried forward");
    assertEquals(1.0, a[3 * 2 + 1] * scale + mean, 1e-5, "carried forward");
    double iScale = ((double[]) interpolated.describe().get("scaler_scale"))[1];
    double iMean = ((double[]) interpolated.describe().get("scaler_mean"))[1];
    assertEquals(2.0, b[2 * 2 + 1] * iScale + iMean, 1e-5, "a third of the way");
    assertEquals(3.0, b[3 * 2 + 1] * iScale + iMean, 1e-5, "two thirds of the way");
  }

  @Test
  void badRowsCanBeSkippedAndAreCounted() throws IOException {
    Path file = ettLike(2000);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.set(10, "2016-07-01 00:00:00,1");
    lines.set(20, "2016-07-01 00:00:00,x,2");
    Files.write(file, lines);
    assertThrows(DataException.class, () -> load(file, "M", null, "ratio", null, false));
    Dataset data = load(file, "M", null, "ratio", null, true);
    assertEquals(2, data.describe().get("rows_skipped"));
    assertEquals(1998, data.describe().get("rows"));
  }

  private Path withGaps() throws IOException {
    Path file = ettLike(2000);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.set(2, "t,0.5,1.0");
    lines.set(3, "t,0.5,");
    lines.set(4, "t,0.5,NaN");
    lines.set(5, "t,0.5,4.0");
    Files.write(file, lines);
    return file;
  }

  private Path ettLike(int rows) throws IOException {
    StringBuilder csv = new StringBuilder("date,HUFL,OT\n");
    for (int r = 0; r < rows; r++) {
      csv.append("t,").append(Math.sin(r / 10.0)).append(',').append(r % 24).append('\n');
    }
    return Files.writeString(temp.resolve("data.csv"), csv);
  }
}
