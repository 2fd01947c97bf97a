package org.acai.sdk;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.DirectoryPage;

/**
 * The entries of a directory read one page at a time as they are consumed, so that a directory of
 * any size never sits in memory whole. Not thread-safe.
 */
final class DirectoryPages implements Iterator<DirectoryEntry> {
  private final Function<String, DirectoryPage> fetch;
  private List<DirectoryEntry> entries = List.of();
  private int position;
  private String next;
  private boolean started;

  /** Reads pages through {@code fetch}: the page after a cursor, null for the first. */
  DirectoryPages(Function<String, DirectoryPage> fetch) {
    this.fetch = fetch;
  }

  @Override
  public boolean hasNext() {
    while (position == entries.size()) {
      if (started && next == null) {
        return false;
      }
      DirectoryPage page = fetch.apply(next);
      started = true;
      entries = page.entries() == null ? List.of() : page.entries();
      position = 0;
      next = page.next();
    }
    return true;
  }

  @Override
  public DirectoryEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return entries.get(position++);
  }
}
