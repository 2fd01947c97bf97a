package org.acai.server.meta;

import java.util.Set;

/**
 * The part of a document the containment (GIN) index holds, stored in {@code meta_docs.searchable}:
 * every key but those another index serves (migration V26). Equality on a key of the document that
 * is not in that part must use the key's own index; the SQL function {@code meta_searchable}, which
 * computes the column, must drop exactly {@link #ELSEWHERE}.
 */
final class Searchable {
  /** The keys the GIN index leaves out, each with an index of its own. */
  static final Set<String> ELSEWHERE =
      Set.of(
          "_id",
          "__type__",
          "__full_path__",
          "__size__",
          "__version__",
          "__creator_id__",
          "__create_time__");

  private Searchable() {}

  /** Whether the GIN index holds {@code key}'s values. */
  static boolean inIndex(String key) {
    return !ELSEWHERE.contains(key);
  }

  /** The indexed column: the searchable part of the document on {@code alias}. */
  static String part(String alias) {
    return alias + ".searchable";
  }
}
