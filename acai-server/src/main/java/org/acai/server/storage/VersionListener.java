package org.acai.server.storage;

import org.jdbi.v3.core.Handle;

/** Told about each new file version inside the committing transaction (e.g. to index metadata). */
@FunctionalInterface
public interface VersionListener {
  /** Does nothing. */
  VersionListener NONE = (handle, project, version) -> {};

  /** Called once per new version, before the transaction commits. */
  void created(Handle handle, long project, FileVersion version);
}
