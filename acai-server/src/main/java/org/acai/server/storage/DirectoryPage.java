package org.acai.server.storage;

import java.util.List;
import org.acai.api.storage.DirectoryEntry;

/**
 * One page of a directory's children, by name.
 *
 * @param entries the children, directories and files mixed, in path order
 * @param next the name to page on from, or null on the last page
 */
public record DirectoryPage(List<DirectoryEntry> entries, String next) {}
