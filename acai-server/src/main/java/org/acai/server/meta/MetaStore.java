package org.acai.server.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.server.storage.FileRef;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Metadata documents: system fields written by the services, user tags and key/values merged in.
 * Every call is scoped by the internal project key, so one project never sees another's.
 * Thread-safe.
 */
public final class MetaStore {
  private static final String TAGS = MetaValues.TAGS;

  private final Jdbi jdbi;

  /** Creates the store. */
  public MetaStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Creates an entity's document or refreshes its system fields, keeping user fields. Runs in the
   * caller's transaction, so the document appears with the entity.
   */
  public static void putSystem(
      Handle handle, long project, EntityType type, String id, Map<String, Object> fields) {
    Map<String, Object> doc = new LinkedHashMap<>(fields);
    doc.put("_id", id);
    handle
        .createUpdate(
            "INSERT INTO meta_docs (project_id, entity_type, entity_id, doc)"
                + " VALUES (:project, :type, :id, CAST(:doc AS jsonb))"
                + " ON CONFLICT (project_id, entity_type, entity_id) DO UPDATE SET doc = meta_docs.doc || EXCLUDED.doc")
        .bind("project", project)
        .bind("type", type.wireName())
        .bind("id", id)
        .bind("doc", MetaJson.write(doc))
        .execute();
  }

  /**
   * Merges tags (as a set) and key/values (overwriting) into a document.
   *
   * @throws InvalidRequestException for reserved keys ({@code __…}, {@code _id}) or bad values
   * @throws PayloadTooLargeException past {@link MetaLimits#MAX_DOC_BYTES}
   * @throws org.acai.api.error.NotFoundException if the entity has no document
   */
  public Map<String, Object> update(
      long project, EntityType type, String id, List<String> tags, Map<String, Object> values) {
    Map<String, Object> kv = values == null ? Map.of() : values;
    List<String> newTags = new ArrayList<>(tags == null ? List.of() : tags);
    kv.forEach((key, value) -> checkUserValue(key, value, newTags));
    return jdbi.inTransaction(
        handle -> {
          Map<String, Object> doc = locked(handle, project, type, id);
          kv.forEach(
              (key, value) -> {
                if (!TAGS.equals(key)) {
                  doc.put(key, value);
                }
              });
          if (!newTags.isEmpty()) {
            LinkedHashSet<String> merged = new LinkedHashSet<>(tagsOf(doc));
            merged.addAll(newTags);
            doc.put(TAGS, new ArrayList<>(merged));
          }
          return store(handle, project, type, id, doc);
        });
  }

  /** Removes listed tags and keys; reserved keys cannot be removed. */
  public Map<String, Object> delete(
      long project, EntityType type, String id, List<String> tags, List<String> keys) {
    List<String> dropKeys = keys == null ? List.of() : keys;
    dropKeys.forEach(MetaStore::checkUserKey);
    return jdbi.inTransaction(
        handle -> {
          Map<String, Object> doc = locked(handle, project, type, id);
          dropKeys.forEach(doc::remove);
          if (tags != null && !tags.isEmpty() && doc.containsKey(TAGS)) {
            List<String> kept = new ArrayList<>(tagsOf(doc));
            kept.removeAll(tags);
            doc.put(TAGS, kept);
          }
          return store(handle, project, type, id, doc);
        });
  }

  /** The documents of several entities, in request order. */
  public List<Map<String, Object>> get(long project, EntityType type, List<String> ids) {
    return jdbi.withHandle(
        handle -> {
          List<Map<String, Object>> docs = new ArrayList<>();
          for (String id : ids) {
            docs.add(find(handle, project, type, id).orElseThrow(() -> type.missing(id)));
          }
          return docs;
        });
  }

  /** The stored document, locked; a derived one is stored first (see {@link DerivedDocs}). */
  private static Map<String, Object> locked(
      Handle handle, long project, EntityType type, String id) {
    if (type == EntityType.FILE) {
      storeDerived(handle, project, FileRef.parse(id));
    }
    return handle
        .createQuery(
            "SELECT doc::text FROM meta_docs WHERE project_id = :project AND entity_type = :type"
                + " AND entity_id = :id FOR UPDATE")
        .bind("project", project)
        .bind("type", type.wireName())
        .bind("id", id)
        .mapTo(String.class)
        .findOne()
        .map(MetaJson::readExact)
        .orElseThrow(() -> type.missing(id));
  }

  /**
   * Gives a file version whose document is derived a stored one, in the same place of the order.
   * The version's row lock makes a concurrent caller wait, then find nothing left to store.
   */
  private static void storeDerived(Handle handle, long project, FileRef file) {
    Optional<long[]> row =
        handle
            .createQuery(
                "SELECT id, doc_seq FROM file_versions WHERE project_id = :project AND path = :path"
                    + " AND version = :version AND doc_seq IS NOT NULL FOR UPDATE")
            .bind("project", project)
            .bind("path", file.path().value())
            .bind("version", file.version())
            .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getLong("doc_seq")})
            .findOne();
    if (row.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "INSERT INTO meta_docs (project_id, entity_type, entity_id, doc, seq, deletion_id)"
                + " OVERRIDING SYSTEM VALUE"
                + " SELECT project_id, entity_type, entity_id, doc, seq, deletion_id FROM "
                + DerivedDocs.VIEW
                + " WHERE project_id = :project AND entity_type = 'file' AND virtual"
                + " AND full_path = :path AND seq = :seq")
        .bind("project", project)
        .bind("path", file.path().value())
        .bind("seq", row.get()[1])
        .execute();
    handle
        .createUpdate("UPDATE file_versions SET doc_seq = NULL WHERE id = :id")
        .bind("id", row.get()[0])
        .execute();
  }

  /** A stored or derived document. */
  private static Optional<Map<String, Object>> find(
      Handle handle, long project, EntityType type, String id) {
    // A file's id is explicit here (EntityIds made it), so it parses.
    Optional<FileRef> file =
        type == EntityType.FILE ? Optional.of(FileRef.parse(id)) : Optional.empty();
    return handle
        .createQuery(
            "SELECT doc::text FROM "
                + DerivedDocs.VIEW
                + " WHERE project_id = :project AND entity_type = :type AND seq IS NOT NULL"
                + " AND entity_id = :id"
                // The path's indexes find a file version in either branch.
                + (file.isPresent() ? " AND full_path = :path" : ""))
        .bind("project", project)
        .bind("type", type.wireName())
        .bind("id", id)
        .bind("path", file.map(ref -> ref.path().value()).orElse(""))
        .mapTo(String.class)
        .findOne()
        .map(MetaJson::readExact);
  }

  private static Map<String, Object> store(
      Handle handle, long project, EntityType type, String id, Map<String, Object> doc) {
    String json = MetaJson.write(doc);
    if (MetaJson.byteSize(json) > MetaLimits.MAX_DOC_BYTES) {
      throw new PayloadTooLargeException(
          "Invalid metadata for %s: documents are limited to %d bytes",
          id, MetaLimits.MAX_DOC_BYTES);
    }
    handle
        .createUpdate(
            "UPDATE meta_docs SET doc = CAST(:doc AS jsonb) WHERE project_id = :project"
                + " AND entity_type = :type AND entity_id = :id")
        .bind("doc", json)
        .bind("project", project)
        .bind("type", type.wireName())
        .bind("id", id)
        .execute();
    return doc;
  }

  private static void checkUserValue(String key, Object value, List<String> tags) {
    checkUserKey(key);
    if (TAGS.equals(key)) {
      if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
        throw new InvalidRequestException("Invalid tags: expected a list of strings");
      }
      list.forEach(tag -> tags.add((String) tag));
    } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      throw new InvalidRequestException(
          "Invalid value of %s: expected a string, number or boolean", key);
    }
  }

  static void checkUserKey(String key) {
    MetaValues.checkKey(key);
    if (key.startsWith("__") || "_id".equals(key)) {
      throw new InvalidRequestException("Invalid metadata key: %s is reserved for the system", key);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> tagsOf(Map<String, Object> doc) {
    Object tags = doc.get(TAGS);
    return tags instanceof List<?> list ? (List<String>) list : List.of();
  }
}
