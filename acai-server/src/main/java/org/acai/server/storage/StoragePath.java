package org.acai.server.storage;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.text.SafeText;

/**
 * A validated remote path in canonical form: NFC, leading {@code /}, no trailing {@code /},
 * segments free of {@code .}, {@code ..}, NUL, control characters, bidi overrides and other
 * invisible formatting characters ({@link SafeText}), backslashes and {@code :}. A missing leading
 * {@code /} is accepted (root-relative), as the original client sends both.
 *
 * @param value the canonical path, {@code /} for the root
 */
public record StoragePath(String value) {
  /** Longest accepted path, in UTF-8 bytes. */
  public static final int MAX_PATH_BYTES = 1024;

  /** Longest accepted segment, in UTF-8 bytes. */
  public static final int MAX_SEGMENT_BYTES = 255;

  /** The root directory. */
  public static final StoragePath ROOT = new StoragePath("/");

  /**
   * Parses a file path.
   *
   * @throws InvalidRequestException if it is empty, the root, ends with {@code /} or breaks a rule
   */
  public static StoragePath file(String raw) {
    if (raw != null && raw.endsWith("/")) {
      throw new InvalidRequestException(
          "Invalid path: %s (a file path cannot end with /)", printable(raw));
    }
    StoragePath path = parse(raw);
    if (path.isRoot()) {
      throw new InvalidRequestException(
          "Invalid path: %s (a file path cannot be the root)", printable(raw));
    }
    return path;
  }

  /**
   * Parses a directory path; a trailing {@code /} is allowed and {@code /} or empty is the root.
   *
   * @throws InvalidRequestException if it breaks a rule
   */
  public static StoragePath directory(String raw) {
    if (raw == null || raw.isEmpty() || "/".equals(raw)) {
      return ROOT;
    }
    return parse(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
  }

  private static StoragePath parse(String given) {
    if (given == null || given.isEmpty()) {
      throw new InvalidRequestException("Invalid path: empty");
    }
    // Printable ASCII is in NFC already, is its own UTF-8 length and holds no formatting
    // character: such paths (nearly all) skip those checks, thousands per batch upload.
    boolean ascii = plainAscii(given);
    // One spelling per name: "é" as one code point or as "e" plus a combining accent.
    String raw = ascii ? given : Normalizer.normalize(given, Normalizer.Form.NFC);
    if ((ascii ? raw.length() : raw.getBytes(StandardCharsets.UTF_8).length) > MAX_PATH_BYTES) {
      throw new InvalidRequestException("Invalid path: longer than %d bytes", MAX_PATH_BYTES);
    }
    String body = raw.startsWith("/") ? raw.substring(1) : raw;
    if (body.isEmpty()) {
      return ROOT;
    }
    for (String segment : body.split("/", -1)) {
      checkSegment(raw, segment, ascii);
    }
    return new StoragePath(raw.startsWith("/") ? raw : "/" + body);
  }

  /** Whether every character is printable ASCII other than the two refused anywhere. */
  private static boolean plainAscii(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '\\' || c == ':') {
        return false;
      }
    }
    return true;
  }

  private static void checkSegment(String raw, String segment, boolean ascii) {
    String why = null;
    if (segment.isEmpty()) {
      why = "empty segment (//)";
    } else if (".".equals(segment) || "..".equals(segment)) {
      why = "'.' and '..' are not allowed";
    } else if (ascii) {
      why = segment.length() > MAX_SEGMENT_BYTES ? tooLong() : null;
    } else if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
      why = tooLong();
    } else if (segment.indexOf('\\') >= 0) {
      why = "backslashes are not allowed";
    } else if (segment.indexOf(':') >= 0) {
      why = "':' is reserved for versions";
    } else if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      why = "control characters are not allowed";
    } else {
      why = SafeText.problem(segment);
    }
    if (why != null) {
      throw new InvalidRequestException("Invalid path: %s (%s)", printable(raw), why);
    }
  }

  private static String tooLong() {
    return "a name is longer than " + MAX_SEGMENT_BYTES + " bytes";
  }

  /** Whether this is the root directory. */
  public boolean isRoot() {
    return "/".equals(value);
  }

  /** The parent directory; the root's parent is the root. */
  public StoragePath parent() {
    int slash = value.lastIndexOf('/');
    return slash <= 0 ? ROOT : new StoragePath(value.substring(0, slash));
  }

  /** The last segment; empty for the root. */
  public String name() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  /** Every ancestor directory below the root, outermost first. */
  public List<StoragePath> ancestors() {
    List<StoragePath> ancestors = new ArrayList<>();
    for (StoragePath dir = parent(); !dir.isRoot(); dir = dir.parent()) {
      ancestors.add(0, dir);
    }
    return ancestors;
  }

  /** The path relative to the root, without the leading {@code /}. */
  public String relative() {
    return value.substring(1);
  }

  static String printable(String raw) {
    if (raw == null) {
      return "null";
    }
    String shown = raw.replaceAll("\\p{Cntrl}", "?");
    return shown.length() > 120 ? shown.substring(0, 120) + "..." : shown;
  }

  @Override
  public String toString() {
    return value;
  }
}
