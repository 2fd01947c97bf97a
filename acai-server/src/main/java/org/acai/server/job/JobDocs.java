package org.acai.server.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.server.meta.EntityType;
import org.acai.server.meta.MetaStore;
import org.jdbi.v3.core.Handle;

/** A job's system metadata fields, kept in step with its row. */
final class JobDocs {
  private JobDocs() {}

  static void write(Handle handle, Job job) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("__type__", "job");
    fields.put("__name__", job.name());
    fields.put("__status__", job.status().name());
    fields.put("__creator_id__", job.creatorId());
    fields.put("__create_time__", job.submittedMillis());
    fields.put("__update_time__", job.updatedMillis());
    fields.put("__image__", job.containerImage() == null ? "" : job.containerImage());
    fields.put("__v_cpu__", job.resources().cpuMillis() / 1000.0);
    fields.put("__memory__", job.resources().memoryBytes());
    fields.put("__gpu__", job.resources().gpus());
    fields.put(
        "__output_file_set__",
        job.outputFileSet() == null ? job.outputSetName() : job.outputFileSet());
    MetaStore.putSystem(handle, job.projectId(), EntityType.JOB, Long.toString(job.id()), fields);
  }
}
