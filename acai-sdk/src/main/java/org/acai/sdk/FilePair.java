package org.acai.sdk;

import java.util.Objects;

/**
 * A local path paired with a remote one: before an upload {@code (local, remote)}, after it {@code
 * (local, remote:version)}; the original SDK's tuple.
 *
 * @param local the local path
 * @param remote the remote path, with {@code :version} once uploaded
 */
public record FilePair(String local, String remote) {
  public FilePair {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
  }
}
