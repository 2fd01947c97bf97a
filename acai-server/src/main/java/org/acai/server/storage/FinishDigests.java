package org.acai.server.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.storage.SessionStore.SessionFile;

/**
 * The SHA-256 digests a client declares when it finishes a session, having hashed each file while
 * it sent it. Each becomes the file's expected digest for the commit, which then refuses bytes that
 * hash otherwise, exactly as for a digest declared at the start.
 */
final class FinishDigests {
  private FinishDigests() {}

  /**
   * The session's files with the declared digests as their expected ones.
   *
   * @param digests one per file, in order, each null (nothing to declare) or lower-case hex; null
   *     for none
   * @throws InvalidRequestException if the list does not match the files, a digest contradicts the
   *     one declared at the start, or bytes already hashed on landing hash to another digest (the
   *     session stays open: the file can be sent again and the session finished again)
   */
  static List<SessionFile> apply(UUID session, List<SessionFile> files, List<String> digests) {
    if (digests == null) {
      return files;
    }
    if (digests.size() != files.size()) {
      throw new InvalidRequestException(
          "Invalid sha256s: %d entries, upload session %s has %d files",
          digests.size(), session, files.size());
    }
    List<SessionFile> declared = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      declared.add(declare(session, files.get(i), digests.get(i)));
    }
    return declared;
  }

  private static SessionFile declare(UUID session, SessionFile file, String digest) {
    if (digest == null) {
      return file;
    }
    if (file.expectedSha256() != null && !file.expectedSha256().equals(digest)) {
      throw new InvalidRequestException(
          "Cannot finish upload session %s: %s was declared with SHA-256 %s at the start and %s"
              + " at the finish",
          session, file.path(), file.expectedSha256(), digest);
    }
    if (file.landedSha256() != null && !file.landedSha256().equals(digest)) {
      throw new InvalidRequestException(
          "Cannot finish upload session %s: the bytes received for %s hash to %s, not %s;"
              + " send the file again",
          session, file.path(), file.landedSha256(), digest);
    }
    return new SessionFile(
        file.index(),
        file.path(),
        file.expectedSize(),
        digest,
        file.landedSize(),
        file.landedSha256(),
        file.version());
  }
}
