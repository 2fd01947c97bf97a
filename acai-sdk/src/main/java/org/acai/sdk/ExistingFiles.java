package org.acai.sdk;

/** What a download does when a local file is in the way. */
public enum ExistingFiles {
  /** Refuse the whole download before writing anything. */
  REFUSE,
  /** Replace the local files. */
  REPLACE
}
