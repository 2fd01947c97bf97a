package org.acai.server.storage;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** Told about new file versions inside the committing transaction (e.g. to index metadata). */
@FunctionalInterface
public interface VersionListener {
  /** Does nothing. */
  VersionListener NONE = (handle, project, versions) -> {};

  /**
   * Called once per commit with all its new versions, before the transaction commits; a whole
   * upload session at once, so that listeners can write in bulk.
   */
  void created(Handle handle, long project, List<FileVersion> versions);
}
