package io.tsllm.core.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Reads TensorBoard event files (TFRecord framing of Event protos) as TensorBoard would. */
final class TensorBoardEvents {

  private TensorBoardEvents() {}

  /** Every scalar by tag, in the order written. */
  static Map<String, List<Float>> scalars(Path folder) throws IOException {
    Map<String, List<Float>> scalars = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")).sorted().toList();
    }
    for (Path file : files) {
      ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      while (data.remaining() >= 12) {
        int length = (int) data.getLong();
        data.getInt();  // masked CRC of the length
        byte[] record = new byte[length];
        data.get(record);
        data.getInt();  // masked CRC of the data
        Event event = Event.parseFrom(record);
        for (Summary.Value value : event.getSummary().getValueList()) {
          float number = value.hasTensor() ? value.getTensor().getFloatVal(0) : value.getSimpleValue();
          scalars.computeIfAbsent(value.getTag(), t -> new ArrayList<>()).add(number);
        }
      }
    }
    return scalars;
  }
}
