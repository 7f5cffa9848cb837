package io.tsllm.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV file, read by Jackson's CSV parser as RFC 4180 has them and as R's {@code write.csv}, Excel
 * and pandas write them: quoted fields (holding commas, quotes doubled, line breaks), CRLF or LF line ends, a UTF-8
 * byte-order mark. Empty lines, and lines of spaces only, are skipped. Each record carries the line it starts on,
 * so that every problem names its file and line.
 */
public final class CsvRecords implements AutoCloseable {

  /** Without a schema, the parser gives each record as an array of strings. */
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /** One record: the line it starts on (1-based) and its fields, unquoted, as written otherwise. */
  public record Record(int line, List<String> fields) {
    public Record {
      fields = List.copyOf(fields);
    }

    public int size() {
      return fields.size();
    }

    public String field(int index) {
      return fields.get(index);
    }
  }

  private final Path file;
  private final BufferedReader reader;
  private final CsvParser parser;

  private CsvRecords(Path file, BufferedReader reader, CsvParser parser) {
    this.file = file;
    this.reader = reader;
    this.parser = parser;
  }

  /** Opens {@code file} as UTF-8; a missing or unreadable file is a {@link DataException} naming it. */
  public static CsvRecords open(Path file) {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw MissingDataFile.of(file, "no such file");
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
    try {
      // The mark goes before the parser sees it: a quoted first header ("\uFEFF\"date\"", as Excel writes) must
      // start with its quote.
      reader.mark(1);
      if (reader.read() != BYTE_ORDER_MARK) {
        reader.reset();
      }
      return new CsvRecords(file, reader, MAPPER.getFactory().createParser(reader));
    } catch (CharacterCodingException e) {
      closeQuietly(reader);
      throw new DataException(file, "near line 1", "is not UTF-8 text (save it as UTF-8)");
    } catch (IOException e) {
      closeQuietly(reader);
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** The next record, or null at the end of the file. */
  public Record next() {
    try {
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return null;
        }
        if (token != JsonToken.START_ARRAY) {
          throw new DataException(file, "line " + line(), "is not a CSV record");
        }
        int line = -1;
        List<String> fields = new ArrayList<>();
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
          if (token == null) {
            throw new DataException(file, "line " + line, "the file ends inside this record (an unclosed quote?)");
          }
          if (line < 0) {
            line = line();  // the array's own token sits where the previous record ended
          }
          fields.add(parser.getText());
        }
        if (fields.size() == 1 && fields.get(0).isBlank()) {
          continue;
        }
        return new Record(line, fields);
      }
    } catch (CharacterCodingException e) {
      throw new DataException(file, "near line " + line(), "is not UTF-8 text (save it as UTF-8)");
    } catch (JsonProcessingException e) {
      throw new DataException(file, "line " + e.getLocation().getLineNr(), "is not valid CSV: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // read-only: nothing to lose
    }
    closeQuietly(reader);
  }

  private static void closeQuietly(BufferedReader reader) {
    try {
      reader.close();
    } catch (IOException e) {
      // read-only
    }
  }
}
