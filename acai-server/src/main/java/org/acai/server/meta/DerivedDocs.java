package org.acai.server.meta;

import java.util.Set;

/**
 * File documents derived from {@code file_versions} (migration V27): a file version without user
 * metadata has no {@code meta_docs} row; the view {@code entity_docs} shows stored and derived
 * documents alike, a derived one with {@code virtual} true. It holds only the system keys below.
 */
final class DerivedDocs {
  /** What queries and reads select from. Its rows need {@code seq IS NOT NULL} (see V27). */
  static final String VIEW = "entity_docs";

  /** Every key a derived document has. */
  static final Set<String> KEYS =
      Set.of(
          "_id",
          "__type__",
          "__full_path__",
          "__version__",
          "__size__",
          "__sha256__",
          "__creator_id__",
          "__create_time__");

  private DerivedDocs() {}

  /** Whether a condition on {@code key} can match a derived document. */
  static boolean mayHave(String key) {
    return KEYS.contains(key);
  }
}
