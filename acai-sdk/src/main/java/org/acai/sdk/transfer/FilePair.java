package org.acai.sdk.transfer;

/**
 * A local path paired with a remote one: before an upload {@code (local, remote)}, after it {@code
 * (local, remote:version)}.
 *
 * @param local the local path
 * @param remote the remote path, with {@code :version} once uploaded
 */
public record FilePair(String local, String remote) {}
