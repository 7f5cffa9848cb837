package io.tsllm.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordsTest {

  @TempDir Path temp;

  @Test
  void readsQuotedFieldsCrlfAByteOrderMarkAndBlankLinesWithTheLineEachRecordStartsOn() throws IOException {
    Path file = Files.writeString(temp.resolve("excel.csv"), "\uFEFF\"date\",\"OT, in kW\",\"note\"\r\n"
        + "2016-07-01,1.5,\"a \"\"quoted\"\" word\"\r\n"
        + "\r\n"
        + "   \r\n"
        + "2016-07-02,2.5,\"two\nlines\"\r\n"
        + "2016-07-03,,\r\n"
        + "\n");
    List<CsvRecords.Record> records = readAll(file);
    assertEquals(List.of(
        new CsvRecords.Record(1, List.of("date", "OT, in kW", "note")),
        new CsvRecords.Record(2, List.of("2016-07-01", "1.5", "a \"quoted\" word")),
        new CsvRecords.Record(5, List.of("2016-07-02", "2.5", "two\nlines")),
        new CsvRecords.Record(7, List.of("2016-07-03", "", ""))), records);
  }

  @Test
  void theHeaderRefusesAnUnnamedColumnAndSaysWhereRPutsOne() throws IOException {
    Path file = Files.writeString(temp.resolve("r.csv"), "\"\",\"date\",\"OT\"\n\"1\",\"2016-07-01\",1.5\n");
    try (CsvRecords records = CsvRecords.open(file)) {
      DataException e = assertThrows(DataException.class, () -> CsvHeader.columns(file, records.next()));
      assertTrue(e.getMessage().contains("r.csv, line 1") && e.getMessage().contains("column 1 has no name")
          && e.getMessage().contains("row.names = FALSE"), e.getMessage());
    }
  }

  @Test
  void anUnclosedQuoteNamesTheFileAndLine() throws IOException {
    Path file = Files.writeString(temp.resolve("broken.csv"), "a,b\n1,2\n3,\"4\n5,6\n");
    try (CsvRecords records = CsvRecords.open(file)) {
      records.next();
      records.next();
      DataException e = assertThrows(DataException.class, records::next);
      assertTrue(e.getMessage().contains("broken.csv") && e.getMessage().contains("line"), e.getMessage());
    }
  }

  @Test
  void aFileThatIsNotUtf8IsNamed() throws IOException {
    Path file = Files.write(temp.resolve("latin1.csv"), new byte[] {'a', ',', 'b', '\n', (byte) 0xe9, ',', '1'});
    DataException e = assertThrows(DataException.class, () -> readAll(file));
    assertTrue(e.getMessage().contains("latin1.csv") && e.getMessage().contains("UTF-8"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    DataException e = assertThrows(DataException.class, () -> CsvRecords.open(temp.resolve("none.csv")));
    assertTrue(e.getMessage().contains("none.csv") && e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void writtenRowsQuoteOnlyWhatMustBeQuotedAndReadBackAsWritten() throws IOException {
    // RFC 4180, which pandas' read_csv (quotechar '"', doublequote=True) and R's read.csv follow: a field with a
    // comma, a quote or a line break is quoted, and a quote inside is doubled; nothing else is quoted. The expected
    // text below was read by pandas 1.5 (read_csv(dtype=str, keep_default_na=False)) and R 4.2
    // (read.csv(colClasses="character")) into exactly these rows.
    List<List<String>> rows = List.of(
        List.of("cell", "data.path", "metric", "value"),
        List.of("etth1.a", "ETTh1, hourly.csv", "mse", "0.3735"),
        List.of("etth1.b", "say \"hi\"", "mae", ""),
        List.of("etth1.c", "two\nlines", "mse", "-1.5E-7"));
    String text = CsvRowWriter.text(rows);
    assertEquals("cell,data.path,metric,value\n"
        + "etth1.a,\"ETTh1, hourly.csv\",mse,0.3735\n"
        + "etth1.b,\"say \"\"hi\"\"\",mae,\n"
        + "etth1.c,\"two\nlines\",mse,-1.5E-7\n", text);
    Path file = Files.writeString(temp.resolve("results.csv"), text);
    List<List<String>> read = new ArrayList<>();
    readAll(file).forEach(r -> read.add(r.fields()));
    assertEquals(rows, read);
  }

  @Test
  void anEmptyFileHasNoRecords() throws IOException {
    Path file = Files.writeString(temp.resolve("empty.csv"), "\n\n");
    try (CsvRecords records = CsvRecords.open(file)) {
      assertNull(records.next());
    }
  }

  private static List<CsvRecords.Record> readAll(Path file) {
    List<CsvRecords.Record> records = new ArrayList<>();
    try (CsvRecords csv = CsvRecords.open(file)) {
      for (CsvRecords.Record r = csv.next(); r != null; r = csv.next()) {
        records.add(r);
      }
    }
    return records;
  }
}
