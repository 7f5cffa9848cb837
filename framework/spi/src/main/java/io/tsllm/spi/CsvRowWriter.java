package io.tsllm.spi;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV rows through Jackson's CSV generator, as RFC 4180 has them: a field is quoted when it must be (a comma,
 * a quote, a line break, or spaces at either end), quotes inside are doubled, and lines end with LF. pandas'
 * {@code read_csv}, R's {@code read.csv} and {@link CsvRecords} read back the fields that were written.
 */
public final class CsvRowWriter implements AutoCloseable {

  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .build();

  private final CsvGenerator generator;

  public CsvRowWriter(Writer out) {
    try {
      generator = MAPPER.getFactory().createGenerator(out);
      generator.setSchema(CsvSchema.emptySchema().withLineSeparator("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of {@code rows}, each a list of fields. */
  public static String text(List<? extends List<String>> rows) {
    StringWriter out = new StringWriter();
    try (CsvRowWriter writer = new CsvRowWriter(out)) {
      rows.forEach(writer::row);
    }
    return out.toString();
  }

  public void row(List<String> fields) {
    try {
      generator.writeStartArray();
      for (String field : fields) {
        generator.writeString(field);
      }
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void row(String... fields) {
    row(List.of(fields));
  }

  /** Flushes what was written to the underlying writer, which stays open. */
  public void flush() {
    try {
      generator.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes and closes the underlying writer too. */
  @Override
  public void close() {
    try {
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
