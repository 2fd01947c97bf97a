package org.acai.server.meta;

import java.util.Locale;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.error.NoSuchJobException;
import org.acai.api.error.NotFoundException;

/** What a metadata document describes. */
public enum EntityType {
  /** A file version, id {@code /path:N}. */
  FILE,
  /** A file-set version, id {@code name:N}. */
  FILESET,
  /** A job, id its number. */
  JOB;

  /** Wire name: {@code file}, {@code fileset}, {@code job}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name ({@code file_set} is accepted too).
   *
   * @throws InvalidRequestException for anything else
   */
  public static EntityType parse(String type) {
    String normalized = type == null ? "" : type.replace("_", "").toUpperCase(Locale.ROOT);
    for (EntityType entity : values()) {
      if (entity.name().equals(normalized)) {
        return entity;
      }
    }
    throw new InvalidRequestException("Invalid entity type: %s (file, fileset or job)", type);
  }

  NotFoundException missing(String id) {
    switch (this) {
      case FILE:
        return new NoSuchFileException("No such file: %s", id);
      case FILESET:
        return new NoSuchFileSetException("No such file set: %s", id);
      default:
        return new NoSuchJobException("No such job: %s", id);
    }
  }
}
