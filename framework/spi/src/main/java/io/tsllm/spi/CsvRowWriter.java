package io.tsllm.spi;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * CSV rows as text, through Jackson's CSV generator, as RFC 4180 has them: a field is quoted when it must be (a
 * comma, a quote, a line break, or spaces at either end), quotes inside are doubled, and lines end with LF. pandas'
 * {@code read_csv}, R's {@code read.csv} and {@link CsvRecords} read back the fields that were written.
 */
public final class CsvRowWriter {

  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .build();

  private CsvRowWriter() {}

  /** The text of {@code rows}, each a list of fields, one line each. */
  public static String text(List<? extends List<String>> rows) {
    StringWriter out = new StringWriter();
    try (CsvGenerator generator = MAPPER.getFactory().createGenerator(out)) {
      generator.setSchema(CsvSchema.emptySchema().withLineSeparator("\n"));
      for (List<String> fields : rows) {
        generator.writeStartArray();
        for (String field : fields) {
          generator.writeString(field);
        }
        generator.writeEndArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);  // a StringWriter does not fail
    }
    return out.toString();
  }
}
