package org.acai.server.job;

import org.acai.server.meta.EntityType;

/**
 * A job's system metadata document, kept in step with its row by the statement that changes the
 * row: {@link #UPSERT} is a data-modifying {@code WITH} clause over the changed rows {@code j}, so
 * a status change costs the database one round trip, not two.
 */
final class JobDocs {
  // Numbers as the JSON of Java values: __v_cpu__ a double (always with a fraction, 1.0 not 1),
  // the times epoch milliseconds rounded down.
  private static final String DOC =
      "jsonb_build_object('__type__', 'job', '__name__', j.name, '__status__', j.status,"
          + " '__creator_id__', j.creator_id,"
          + " '__create_time__', floor(extract(epoch FROM j.submitted_at) * 1000)::bigint,"
          + " '__update_time__', floor(extract(epoch FROM j.updated_at) * 1000)::bigint,"
          + " '__image__', coalesce(j.container_image, ''),"
          + " '__image_digest__', coalesce(j.image_digest, ''),"
          + " '__v_cpu__', CASE WHEN j.cpu_millis % 1000 = 0 THEN round(j.cpu_millis / 1000.0, 1)"
          + " ELSE trim_scale(j.cpu_millis / 1000.0) END,"
          + " '__memory__', j.memory_bytes, '__gpu__', j.gpus,"
          + " '__output_file_set__', coalesce(j.output_file_set, j.output_set_name),"
          + " '_id', j.id::text)";

  /** {@code , d AS (...)}: upserts the document of every row of {@code j}; append to a WITH. */
  static final String UPSERT =
      ", d AS (INSERT INTO meta_docs (project_id, entity_type, entity_id, doc)"
          + " SELECT j.project_id, '"
          + EntityType.JOB.wireName()
          + "', j.id::text, "
          + DOC
          + " FROM j ON CONFLICT (project_id, entity_type, entity_id)"
          + " DO UPDATE SET doc = meta_docs.doc || EXCLUDED.doc)";

  private JobDocs() {}
}
