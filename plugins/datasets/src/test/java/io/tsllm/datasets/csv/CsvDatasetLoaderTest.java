package io.tsllm.datasets.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetLoaderTest {

  static final Path ETTH1 = Path.of("../../configs/data/ett/ETTh1.csv");
  static final int L = 336;
  static final int H = 96;

  @TempDir Path temp;

  Dataset load(Path file, int inputLength, int horizon) {
    CsvDatasetConfig config = CsvDatasetConfig.of(file.toString(), inputLength, horizon, null);
    return new CsvDatasetLoader().load(config, p -> Path.of(p));
  }

  @Test
  void readsAHeaderWithAByteOrderMarkAndRefusesRepeatedColumnNames() throws Exception {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(ETTH1).subList(0, 300));
    lines.set(0, "\uFEFF" + lines.get(0));
    Path bom = Files.write(temp.resolve("bom.csv"), lines);
    Dataset data = new CsvDatasetLoader().load(CsvDatasetConfig.of(bom.toString(), 48, 12, "ratio"), Path::of);
    assertEquals("HUFL", data.shape().channelNames().get(0), "the mark is not part of a name");

    lines.set(0, "date,HUFL,HULL,MUFL,MULL,LUFL,HUFL,OT");
    Path twice = Files.write(temp.resolve("twice.csv"), lines);
    DataException e = assertThrows(DataException.class,
        () -> new CsvDatasetLoader().load(CsvDatasetConfig.of(twice.toString(), 48, 12, "ratio"), Path::of));
    assertTrue(e.getMessage().contains("twice.csv, line 1") && e.getMessage().contains("[HUFL]"), e.getMessage());
  }

  @Test
  void readsTheSameSeriesFromFilesWrittenByRAndPandas() {
    // tools/csv_fixtures.sh: ETTh1's first 300 rows as R 4.2's write.csv writes them (every header and date quoted,
    // 15 significant digits) and as pandas 1.5's to_csv writes them for Excel (a BOM, CRLF, a date column whose name
    // holds a comma and doubled quotes). All give the plain file's windows.
    Path fixtures = Path.of("src/test/resources/csv");
    Dataset plain = new CsvDatasetLoader().load(CsvDatasetConfig.of(fixtures.resolve("etth1-300.csv").toString(),
        48, 12, "ratio"), Path::of);
    Dataset fromR = new CsvDatasetLoader().load(CsvDatasetConfig.of(fixtures.resolve("r-write-csv.csv").toString(),
        48, 12, "ratio"), Path::of);
    Dataset fromPandas = new CsvDatasetLoader().load(new CsvDatasetConfig(
        fixtures.resolve("pandas-excel.csv").toString(), 48, 12, null, null, null, "ratio", null, null,
        "date, \"local\"", null, null, null), Path::of);
    for (Dataset read : List.of(fromR, fromPandas)) {
      assertEquals(plain.shape().channelNames(), read.shape().channelNames());
      assertEquals(plain.train().size(), read.train().size());
      for (int w : new int[] {0, 3, plain.test().size() - 1}) {
        float[] expected = new float[plain.shape().inputSize()];
        float[] actual = new float[plain.shape().inputSize()];
        plain.test().copyInput(w, expected, 0);
        read.test().copyInput(w, actual, 0);
        assertArrayEquals(expected, actual);
      }
    }
    // R's default write.csv adds unnamed row names as the first column: refused, saying how to write without them.
    DataException e = assertThrows(DataException.class, () -> new CsvDatasetLoader().load(CsvDatasetConfig.of(
        fixtures.resolve("r-row-names.csv").toString(), 48, 12, "ratio"), Path::of));
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("row.names = FALSE"), e.getMessage());
  }

  @Test
  void cutsEtthWindowsAtTheStandardBorders() {
    Dataset data = load(ETTH1, L, H);
    assertEquals(8640 - L - H + 1, data.train().size());
    assertEquals(11520 - (8640 - L) - L - H + 1, data.validation().size());
    assertEquals(14400 - (11520 - L) - L - H + 1, data.test().size());
    assertEquals(List.of("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"), data.shape().channelNames());
  }

  @Test
  void validationAndTestForecastsStartExactlyAtTheirBorders() throws IOException {
    Dataset data = load(ETTH1, L, H);
    ChannelScaler scaler = data.scaler().orElseThrow();
    double[][] raw = readRaw(ETTH1);
    float[] target = new float[H * 7];
    data.validation().copyTarget(0, target, 0);
    assertEquals(scaler.scale(raw[8640][6], 6), target[6], 1e-5, "first validation target is row 8640");
    data.test().copyTarget(0, target, 0);
    assertEquals(scaler.scale(raw[11520][0], 0), target[0], 1e-5, "first test target is row 11520");
    data.test().copyTarget(data.test().size() - 1, target, 0);
    assertEquals(scaler.scale(raw[14399][3], 3), target[(H - 1) * 7 + 3], 1e-5, "last test target is row 14399");
    float[] input = new float[L * 7];
    data.test().copyInput(0, input, 0);
    assertEquals(scaler.scale(raw[11520 - L][2], 2), input[2], 1e-5, "first test input starts L rows earlier");
  }

  @Test
  void fitsTheScalerOnTrainingRowsOnlyWithPopulationStd() throws IOException {
    double[][] raw = readRaw(ETTH1);
    ChannelScaler scaler = load(ETTH1, L, H).scaler().orElseThrow();
    for (int c = 0; c < 7; c++) {
      double sum = 0;
      for (int r = 0; r < 8640; r++) {
        sum += raw[r][c];
      }
      double mean = sum / 8640;
      double squares = 0;
      for (int r = 0; r < 8640; r++) {
        squares += (raw[r][c] - mean) * (raw[r][c] - mean);
      }
      assertEquals(mean, scaler.mean()[c], 1e-9, "mean of channel " + c);
      assertEquals(Math.sqrt(squares / 8640), scaler.scale()[c], 1e-9, "population std of channel " + c);
    }
  }

  @Test
  void rejectsMissingFileNamingIt() {
    DataException e = assertThrows(DataException.class, () -> load(temp.resolve("nope.csv"), L, H));
    assertTrue(e.getMessage().contains("nope.csv") && e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void rejectsRowWithWrongFieldCountNamingTheLine() throws IOException {
    Path file = ettLike(20000);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(5, "2016-07-01 04:00:00,1,2,3");
    Files.write(file, lines);
    DataException e = assertThrows(DataException.class, () -> load(file, L, H));
    assertTrue(e.getMessage().contains("line 6") && e.getMessage().contains("expected 3 fields"), e.getMessage());
  }

  @Test
  void rejectsNonNumericValueNamingLineAndColumn() throws IOException {
    Path file = ettLike(20000);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(9, "2016-07-01 08:00:00,1.5,abc");
    Files.write(file, lines);
    DataException e = assertThrows(DataException.class, () -> load(file, L, H));
    assertTrue(e.getMessage().contains("line 10, column OT") && e.getMessage().contains("'abc' is not a number"),
        e.getMessage());
  }

  @Test
  void rejectsEmptyFile() throws IOException {
    Path file = Files.writeString(temp.resolve("empty.csv"), "");
    DataException e = assertThrows(DataException.class, () -> load(file, L, H));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void rejectsFileTooShortForTheSplit() throws IOException {
    Path file = ettLike(1000);
    DataException e = assertThrows(DataException.class, () -> load(file, L, H));
    assertTrue(e.getMessage().contains("has 1000 data rows") && e.getMessage().contains("at least 14400"),
        e.getMessage());
  }

  @Test
  void rejectsWindowLongerThanASplit() {
    DataException e = assertThrows(DataException.class, () -> load(ETTH1, 2000, 3000));
    assertTrue(e.getMessage().contains("too short for one window"), e.getMessage());
  }

  @Test
  void ettmBordersAreFourTimesTheHourlyOnes() throws IOException {
    Path file = ettLike(4 * 14400);
    CsvDatasetConfig config = CsvDatasetConfig.of(file.toString(), 96, 24, "ettm");
    Dataset data = new CsvDatasetLoader().load(config, Path::of);
    assertEquals(4 * 8640 - 96 - 24 + 1, data.train().size());
    assertEquals(4 * 14400 - 4 * 11520 - 24 + 1, data.test().size());
  }

  private Path ettLike(int rows) throws IOException {
    StringBuilder csv = new StringBuilder("date,HUFL,OT\n");
    for (int r = 0; r < rows; r++) {
      csv.append("2016-07-01 00:00:00,").append(Math.sin(r / 10.0)).append(',').append(r % 24).append('\n');
    }
    return Files.writeString(temp.resolve("ett-like.csv"), csv);
  }

  private static double[][] readRaw(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    double[][] raw = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",");
      raw[i - 1] = new double[fields.length - 1];
      for (int c = 1; c < fields.length; c++) {
        raw[i - 1][c - 1] = Float.parseFloat(fields[c]);
      }
    }
    return raw;
  }

  @Test
  void rowsAreCopiedVerbatimIntoWindows() {
    Dataset data = load(ETTH1, L, H);
    float[] a = new float[L * 7];
    float[] b = new float[L * 7];
    data.train().copyInput(1, a, 0);
    data.train().copyInput(0, b, 0);
    float[] shiftedA = java.util.Arrays.copyOfRange(a, 0, (L - 1) * 7);
    float[] shiftedB = java.util.Arrays.copyOfRange(b, 7, L * 7);
    assertArrayEquals(shiftedB, shiftedA, "stride 1: window 1 is window 0 moved by one row");
  }
}
