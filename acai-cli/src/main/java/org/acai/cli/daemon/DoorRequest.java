package org.acai.cli.daemon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.cli.daemon.DaemonProtocol.Request;

/**
 * A command as the shell script hands it through the door: NUL-ended fields, the jar it means, the
 * working directory, the caller's pid, the argument count, the arguments, then {@code NAME=value}
 * for each environment variable.
 *
 * @param jar the jar whose daemon the script means to run the command
 * @param pid the caller's process, watched while its command runs
 * @param request the command
 */
record DoorRequest(String jar, long pid, Request request) {
  /** The fields before the arguments. */
  private static final int HEAD = 4;

  /** The request, or empty if it is not one (missing fields, a count that does not fit). */
  static Optional<DoorRequest> parse(byte[] bytes) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        fields.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (fields.size() < HEAD) {
      return Optional.empty();
    }
    long pid;
    int count;
    try {
      pid = Long.parseLong(fields.get(2));
      count = Integer.parseInt(fields.get(3));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (pid <= 0 || count < 0 || count > Math.min(fields.size() - HEAD, DaemonProtocol.MAX_ITEMS)) {
      return Optional.empty();
    }
    List<String> args = List.copyOf(fields.subList(HEAD, HEAD + count));
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : fields.subList(HEAD + count, fields.size())) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        env.put(entry.substring(0, equals), entry.substring(equals + 1));
      }
    }
    return Optional.of(
        new DoorRequest(
            fields.get(0), pid, new Request(DaemonProtocol.RUN, fields.get(1), env, args)));
  }
}
