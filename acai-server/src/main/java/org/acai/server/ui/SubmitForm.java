package org.acai.server.ui;

import io.javalin.http.Context;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobSubmission;

/**
 * The form's fields.
 *
 * @param name job name
 * @param image container image
 * @param input input file set
 * @param code code zip path
 * @param command shell command
 * @param outputPath output directory under the working dir
 * @param vcpu vCPUs
 * @param memory memory, e.g. 256Mi
 * @param gpu GPUs
 */
public record SubmitForm(
    String name,
    String image,
    String input,
    String code,
    String command,
    String outputPath,
    String vcpu,
    String memory,
    String gpu) {
  static SubmitForm empty() {
    return new SubmitForm("", "", "", "", "", "./output/", "1", "256Mi", "0");
  }

  static SubmitForm of(JobInfo job) {
    return new SubmitForm(
        job.name(),
        JobRow.text(job.containerImage()),
        JobRow.text(job.inputFileSet()),
        JobRow.text(job.code()),
        job.command(),
        JobRow.text(job.outputPath()),
        JobRow.text(job.vCpu()),
        JobRow.text(job.memory()),
        JobRow.text(job.gpu()));
  }

  static SubmitForm of(Context ctx) {
    return new SubmitForm(
        field(ctx, "name"),
        field(ctx, "image"),
        field(ctx, "input"),
        field(ctx, "code"),
        field(ctx, "command"),
        field(ctx, "output_path"),
        field(ctx, "vcpu"),
        field(ctx, "memory"),
        field(ctx, "gpu"));
  }

  JobSubmission submission() {
    return new JobSubmission(
        name,
        null,
        input.isBlank() ? null : input,
        code.isBlank() ? null : code,
        command,
        image.isBlank() ? null : image,
        outputPath.isBlank() ? null : outputPath,
        null,
        vcpu.isBlank() ? null : vcpu,
        memory.isBlank() ? null : memory,
        gpu.isBlank() ? null : gpu,
        null);
  }

  private static String field(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value.trim();
  }
}
