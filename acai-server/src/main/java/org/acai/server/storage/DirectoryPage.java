package org.acai.server.storage;

import java.util.List;
import org.acai.api.storage.DirectoryEntry;

/**
 * One page of a directory's children: subdirectories first, then files, each by name.
 *
 * @param entries the children
 * @param next the cursor of the next page (the last name, with a trailing {@code /} for a
 *     directory), or null on the last page
 */
public record DirectoryPage(List<DirectoryEntry> entries, String next) {}
