package org.acai.cli.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acai job run [-f job.yaml] [options] [--wait] -- COMMAND}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Submit a job: the command runs in a fresh directory holding the input file set and the"
          + " unzipped code; files under the output path become a new file set.",
      "Example: acai job run --name wc --input texts --code /wc.zip --output ./out/ --wait"
          + " -- 'mkdir -p out && cat texts/* | python3 wc.py out/'"
    })
public final class JobRunCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Job attributes from a YAML or JSON file (.json); options below override it.")
  private Path file;

  @Option(names = "--name", description = "Job name.")
  private String name;

  @Option(names = "--description", description = "Free text.")
  private String description;

  @Option(names = "--image", paramLabel = "IMAGE", description = "Container image to record.")
  private String image;

  @Option(names = "--input", paramLabel = "SET", description = "Input file set (name or name:N).")
  private String input;

  @Option(names = "--code", paramLabel = "ZIP", description = "Remote path of the code zip.")
  private String code;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Relative directory whose files become the output set, e.g. ./out/.")
  private String output;

  @Option(names = "--output-set", paramLabel = "NAME", description = "Output file set name.")
  private String outputSet;

  @Option(names = "--cpu", paramLabel = "QTY", description = "vCPUs, e.g. 0.5 or 500m.")
  private String cpu;

  @Option(names = "--mem", paramLabel = "QTY", description = "Memory, e.g. 256Mi or 1e9.")
  private String memory;

  @Option(names = "--gpu", paramLabel = "N", description = "GPUs.")
  private String gpu;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Wall-clock limit of the job: 90, 90s, 10m, 2h.")
  private Duration timeout;

  @Option(names = "--wait", description = "Wait until the job ends; exit 0 only if it FINISHED.")
  private boolean await;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "Shell command (after --).")
  private List<String> command;

  JobRunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AcaiClient client = context.client();
    Job job = client.jobs().newJob();
    if (file != null) {
      Map<String, Object> fromFile =
          file.toString().endsWith(".json") ? Job.fromJson(file).dict() : Job.fromYaml(file).dict();
      job.withAttributes(fromFile);
    }
    job.withAttributes(overrides()).register().run();
    context.out().printf("Submitted job %d (%s)%n", job.id(), job.dict().get("name"));
    context.out().flush();
    return await ? JobWaiting.await(context, client.jobs(), job.id(), null) : 0;
  }

  private Map<String, Object> overrides() {
    Map<String, Object> values = new LinkedHashMap<>();
    putIfSet(values, "name", name);
    putIfSet(values, "description", description);
    putIfSet(values, "container_image", image);
    putIfSet(values, "input_file_set", input);
    putIfSet(values, "code", code);
    putIfSet(values, "output_path", output);
    putIfSet(values, "output_file_set", outputSet);
    putIfSet(values, "v_cpu", cpu);
    putIfSet(values, "memory", memory);
    putIfSet(values, "gpu", gpu);
    putIfSet(values, "timeout", timeout == null ? null : timeout.toSeconds());
    putIfSet(values, "command", command == null ? null : String.join(" ", command));
    return values;
  }

  private static void putIfSet(Map<String, Object> values, String key, Object value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
