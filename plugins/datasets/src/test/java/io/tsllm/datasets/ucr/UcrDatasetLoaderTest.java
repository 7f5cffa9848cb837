package io.tsllm.datasets.ucr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UcrDatasetLoaderTest {

  static final Path UCR = Path.of("../../configs/data/ucr");

  @TempDir Path temp;

  static Dataset load(Path train, Path test, String length, boolean validateOnTest) {
    UcrDatasetConfig config = new UcrDatasetConfig(train.toString(), test.toString(), length, null, null,
        validateOnTest, null, null);
    return new UcrDatasetLoader().load(config, Path::of);
  }

  @Test
  void univariateGunPointHasOneChannelTwoClassesAndAStratifiedValidationSplit() {
    Dataset data = load(UCR.resolve("GunPoint_TRAIN.ts"), UCR.resolve("GunPoint_TEST.ts"), "pad", false);
    assertEquals(150, data.shape().inputLength());
    assertEquals(1, data.shape().channels());
    assertEquals(List.of("1", "2"), data.shape().classes());
    assertEquals(50, data.train().size() + data.validation().size(), "TRAIN holds 50 cases");
    assertEquals(150, data.test().size());
    Map<Float, Integer> validationClasses = new HashMap<>();
    float[] label = new float[1];
    for (int i = 0; i < data.validation().size(); i++) {
      data.validation().copyTarget(i, label, 0);
      validationClasses.merge(label[0], 1, Integer::sum);
    }
    assertEquals(2, validationClasses.size(), "both classes in validation: " + validationClasses);
    float[] window = new float[150];
    data.test().copyInput(0, window, 0);
    assertEquals(-0.6478854f, firstTrainValue(), 1e-6f);
  }

  private static float firstTrainValue() {
    Dataset data = load(UCR.resolve("GunPoint_TRAIN.ts"), UCR.resolve("GunPoint_TEST.ts"), "pad", true);
    float[] window = new float[150];
    data.train().copyInput(0, window, 0);
    return window[0];
  }

  @Test
  void multivariateBasicMotionsIsTimeMajorWithSixChannels() throws IOException {
    Dataset data = load(UCR.resolve("BasicMotions_TRAIN.ts"), UCR.resolve("BasicMotions_TEST.ts"), "pad", true);
    assertEquals(6, data.shape().channels());
    assertEquals(100, data.shape().inputLength());
    assertEquals(List.of("Standing", "Running", "Walking", "Badminton"), data.shape().classes());
    String firstCase = Files.readAllLines(UCR.resolve("BasicMotions_TRAIN.ts")).stream()
        .dropWhile(l -> !l.startsWith("@data")).skip(1).findFirst().orElseThrow();
    String[] dims = firstCase.split(":");
    float[] window = new float[100 * 6];
    data.train().copyInput(0, window, 0);
    assertEquals(Float.parseFloat(dims[1].split(",")[3]), window[3 * 6 + 1], "step 4 of dimension 2");
    float[] label = new float[1];
    data.train().copyTarget(0, label, 0);
    assertEquals(data.shape().classes().indexOf(dims[6].trim()), (int) label[0]);
  }

  @Test
  void unequalLengthsArePaddedWithTheLastValueOrTruncated() throws IOException {
    Path train = UCR.resolve("JapaneseVowels_TRAIN.ts");
    Dataset padded = load(train, train, "pad", true);
    Dataset truncated = load(train, train, "truncate", true);
    Dataset fixed = load(train, train, "12", true);
    assertEquals(26, padded.shape().inputLength(), "the longest TRAIN case");
    assertEquals(7, truncated.shape().inputLength(), "the shortest");
    assertEquals(12, fixed.shape().inputLength());
    assertEquals(12, padded.shape().channels());
    float[] window = new float[26 * 12];
    padded.train().copyInput(0, window, 0);
    assertEquals(window[19 * 12 + 5], window[25 * 12 + 5], "the first case (20 steps) repeats its last value");
  }

  @Test
  void refusesLabelsOutsideTheClassList() throws IOException {
    Path file = ts("@problemName X\n@univariate true\n@classLabel true a b\n@data\n1,2,3:a\n1,2,3:c\n");
    DataException e = assertThrows(DataException.class, () -> load(file, file, "pad", true));
    assertTrue(e.getMessage().contains("line 6") && e.getMessage().contains("'c'"), e.getMessage());
  }

  @Test
  void refusesRaggedCasesNamingLineAndDimension() throws IOException {
    Path file = ts("@univariate false\n@dimensions 2\n@classLabel true a b\n@data\n1,2,3:4,5,6:a\n1,2,3:4,5:b\n");
    DataException e = assertThrows(DataException.class, () -> load(file, file, "pad", true));
    assertTrue(e.getMessage().contains("line 6, dimension 2") && e.getMessage().contains("equally long"),
        e.getMessage());
    Path missingDimension = ts("@univariate false\n@dimensions 2\n@classLabel true a\n@data\n1,2,3:a\n");
    e = assertThrows(DataException.class, () -> load(missingDimension, missingDimension, "pad", true));
    assertTrue(e.getMessage().contains("ragged"), e.getMessage());
  }

  @Test
  void refusesACaseOfAnotherLengthThanTheHeaderDeclaresAndInfiniteValues() throws IOException {
    Path file = ts("@equalLength true\n@seriesLength 3\n@classLabel true a b\n@data\n1,2,3:a\n1,2:b\n");
    DataException e = assertThrows(DataException.class, () -> load(file, file, "pad", true));
    assertTrue(e.getMessage().contains("line 6") && e.getMessage().contains("@seriesLength 3"), e.getMessage());
    Path infinite = ts("@classLabel true a\n@data\n1,Infinity,3:a\n");
    e = assertThrows(DataException.class, () -> load(infinite, infinite, "pad", true));
    assertTrue(e.getMessage().contains("line 3, dimension 1, value 2"), e.getMessage());
  }

  @Test
  void refusesADimensionsFieldThatIsNotAPositiveWholeNumber() throws IOException {
    for (String value : List.of("two", "0", "-1", "")) {
      Path file = ts("@univariate false\n@dimensions " + value + "\n@classLabel true a\n@data\n1,2:3,4:a\n");
      DataException e = assertThrows(DataException.class, () -> load(file, file, "pad", true));
      assertTrue(e.getMessage().contains("@dimensions") && e.getMessage().contains("expected a whole number >= 1"),
          value + ": " + e.getMessage());
    }
  }

  @Test
  void headerFieldsAreMatchedWhateverTheDefaultLocale() throws IOException {
    Locale before = Locale.getDefault();
    try {
      // In a Turkish locale "I".toLowerCase() is a dotless i: @UNIVARIATE would not be @univariate.
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      Path file = ts("@UNIVARIATE FALSE\n@DIMENSIONS 2\n@CLASSLABEL true a\n@DATA\n1,2:3,4:a\n");
      assertEquals(2, load(file, file, "pad", true).shape().channels());
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void refusesNonNumbersMissingValuesAndFilesWithoutData() throws IOException {
    Path bad = ts("@classLabel true a\n@data\n1,x,3:a\n");
    DataException e = assertThrows(DataException.class, () -> load(bad, bad, "pad", true));
    assertTrue(e.getMessage().contains("line 3, dimension 1, value 2"), e.getMessage());
    Path missing = ts("@classLabel true a\n@data\n1,?,3:a\n");
    e = assertThrows(DataException.class, () -> load(missing, missing, "pad", true));
    assertTrue(e.getMessage().contains("case 1, dimension 1, step 2") && e.getMessage().contains("zero"),
        e.getMessage());
    Path noData = ts("@classLabel true a\n");
    e = assertThrows(DataException.class, () -> load(noData, noData, "pad", true));
    assertTrue(e.getMessage().contains("no @data"), e.getMessage());
  }

  @Test
  void testFilesMustShareTheTrainingClasses() throws IOException {
    Path a = ts("@classLabel true a b\n@data\n1,2:a\n1,2:b\n");
    Path b = Files.writeString(temp.resolve("other.ts"), "@classLabel true a c\n@data\n1,2:a\n");
    DataException e = assertThrows(DataException.class, () -> load(a, b, "pad", false));
    assertTrue(e.getMessage().contains("other.ts") && e.getMessage().contains("[a, c]"), e.getMessage());
  }

  private Path ts(String content) throws IOException {
    return Files.writeString(temp.resolve("case.ts"), content);
  }
}
