package org.acai.cli.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resident client's wire format over its Unix socket. The command line sends one request (kind,
 * working directory, environment, arguments); the daemon answers with frames (standard output,
 * standard error, exit code) and closes.
 */
final class DaemonProtocol {
  static final int MAGIC = 0x41434431; // "ACD1"

  /** Request kinds. */
  static final byte RUN = 1;

  static final byte STATUS = 2;
  static final byte STOP = 3;

  /** Frame types. */
  static final byte OUT = 1;

  static final byte ERR = 2;
  static final byte EXIT = 3;

  /** The daemon runs another command now: the caller runs its own in-process. */
  static final byte BUSY = 4;

  /** Largest string or frame accepted (an environment value, an argument, a chunk of output). */
  static final int MAX_CHUNK = 1 << 20;

  /** Most strings in one list (environment variables, arguments). */
  static final int MAX_ITEMS = 100_000;

  private DaemonProtocol() {}

  /** One request. */
  record Request(byte kind, String cwd, Map<String, String> env, List<String> args) {}

  static void writeRequest(DataOutputStream out, Request request) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(request.kind());
    writeString(out, request.cwd());
    out.writeInt(request.env().size());
    for (Map.Entry<String, String> entry : request.env().entrySet()) {
      writeString(out, entry.getKey());
      writeString(out, entry.getValue());
    }
    out.writeInt(request.args().size());
    for (String arg : request.args()) {
      writeString(out, arg);
    }
    out.flush();
  }

  static Request readRequest(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not an acai client");
    }
    byte kind = in.readByte();
    String cwd = readString(in);
    int envSize = count(in);
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < envSize; i++) {
      env.put(readString(in), readString(in));
    }
    int argCount = count(in);
    List<String> args = new ArrayList<>();
    for (int i = 0; i < argCount; i++) {
      args.add(readString(in));
    }
    return new Request(kind, cwd, env, args);
  }

  static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    return new String(readChunk(in), StandardCharsets.UTF_8);
  }

  /** A length-prefixed chunk of at most {@link #MAX_CHUNK} bytes. */
  static byte[] readChunk(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_CHUNK) {
      throw new IOException("chunk of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  private static int count(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > MAX_ITEMS) {
      throw new EOFException("list of " + count + " items");
    }
    return count;
  }
}
