package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Ceiling rows that only some blob stores have, timed in each run after the common ones. */
public interface StoreCeiling extends AutoCloseable {
  /** The rows' names, in the order {@link #measure} times them. */
  List<String> operations();

  /** Times each operation once on the files, after a sync; nanoseconds in operation order. */
  List<Long> measure(List<Path> files) throws IOException, InterruptedException;

  @Override
  void close();
}
