package org.acai.cli.auth;

import java.util.concurrent.Callable;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acai configure}: stores a project's token in the credentials file. */
@Command(
    name = "configure",
    mixinStandardHelpOptions = true,
    description = {
      "Store a project's token in $HOME/.acai/credentials (mode 0600, folder 0700) and make it",
      "the default; ACAI_CREDENTIALS_FILE names another file.",
      "ACAI_TOKEN / ACAI_PROJECT in the environment still take precedence."
    })
public final class ConfigureCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--project", required = true, description = "Project name.")
  private String project;

  @Option(
      names = "--token",
      description =
          "The token; omit to read it from ACAI_TOKEN or the first line of standard input.")
  private String token;

  @Option(names = "--endpoint", description = "Server URL to remember, e.g. http://127.0.0.1:8080.")
  private String endpoint;

  ConfigureCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws java.io.IOException {
    String value = token != null ? token : context.env().get("ACAI_TOKEN");
    if (value == null) {
      value =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
              .readLine();
    }
    if (value == null || value.isBlank()) {
      throw new UserError(
          "Missing token: pass --token, set ACAI_TOKEN or pipe it on standard input");
    }
    context.credentialsFile().configure(project, value.strip(), endpoint);
    context
        .out()
        .printf(
            "Saved credentials for project %s in %s%n", project, context.credentialsFile().path());
    return 0;
  }
}
