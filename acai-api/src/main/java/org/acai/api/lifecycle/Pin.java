package org.acai.api.lifecycle;

import java.util.List;

/**
 * A deleted file version that something still references: it stays readable through those
 * references and is never destroyed while they live.
 *
 * @param id the version, {@code path:N}
 * @param pinnedBy what references it, e.g. {@code fileset train:2} or {@code job 14}
 */
public record Pin(String id, List<String> pinnedBy) {
  public Pin {
    pinnedBy = List.copyOf(pinnedBy);
  }
}
