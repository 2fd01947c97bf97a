package org.acai.api.storage;

import java.util.List;

/**
 * One page of a directory's children ({@code GET /storage/list_directory_page}): subdirectories
 * first, then files, each by name.
 *
 * @param entries the children
 * @param next the cursor of the next page (the last name, with a trailing {@code /} for a
 *     directory), or null on the last page
 */
public record DirectoryPage(List<DirectoryEntry> entries, String next) {}
