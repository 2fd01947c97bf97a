package org.acai.server.job;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.auth.CredentialService;
import org.acai.server.job.agent.AgentExecutor;
import org.acai.server.job.agent.JobAgent;
import org.acai.server.job.exec.Capacity;
import org.acai.server.job.exec.CommandRunner;
import org.acai.server.job.exec.CommandRunners;
import org.acai.server.job.exec.Executor;
import org.acai.server.job.exec.JobUsers;
import org.acai.server.job.exec.kubernetes.JobTokens;
import org.acai.server.job.exec.kubernetes.KubernetesConfig;
import org.acai.server.job.exec.kubernetes.KubernetesExecutor;
import org.acai.server.job.workspace.CodeLimits;

/**
 * Chooses the executor from {@code ACAI_EXECUTOR}: {@code kubernetes} (in-cluster config, else the
 * kubeconfig), or the in-process agent with the command runner {@link CommandRunners} picks for
 * {@code auto} (default), {@code container} or {@code local}.
 */
final class JobExecutors {
  private static final Duration TOKEN_TTL = Duration.ofDays(7);

  private JobExecutors() {}

  static Executor fromEnv(
      Map<String, String> env,
      Path home,
      Capacity localCapacity,
      LocalAgentEnvironment environment,
      CredentialService credentials,
      LocalAgentEnvironment.MetaTagger tagger) {
    String kind = env.getOrDefault("ACAI_EXECUTOR", "auto");
    switch (kind) {
      case "kubernetes":
        String kubeconfig = env.get("ACAI_K8S_KUBECONFIG");
        KubernetesClient client =
            kubeconfig == null
                ? new KubernetesClientBuilder().build()
                : new KubernetesClientBuilder().withConfig(kubeconfig(kubeconfig)).build();
        String namespace = client.getNamespace() == null ? "default" : client.getNamespace();
        return kubernetes(
            client, KubernetesConfig.fromEnv(env, namespace), env, credentials, tagger);
      default:
        // auto, container and local: the in-process agent, running each command in a container
        // or the local sandbox (CommandRunners checks the value).
        CommandRunner runner = CommandRunners.fromConfig(env, home);
        return new AgentExecutor(
            new JobAgent(environment, runner, JobUsers.forThisProcess(), CodeLimits.fromEnv(env)),
            runner,
            localCapacity);
    }
  }

  private static Config kubeconfig(String file) {
    try {
      return Config.fromKubeconfig(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InvalidRequestException(
          "Invalid ACAI_K8S_KUBECONFIG: %s (%s)", file, e.getMessage());
    }
  }

  /** The Kubernetes executor; its capacity is what ACAI may ask of the cluster at once. */
  static KubernetesExecutor kubernetes(
      KubernetesClient client,
      KubernetesConfig config,
      Map<String, String> env,
      CredentialService credentials,
      LocalAgentEnvironment.MetaTagger tagger) {
    Capacity capacity = JobModule.capacity(env, new Capacity(1_000_000L, 4L << 40, 1024));
    JobTokens tokens =
        new JobTokens() {
          @Override
          public String issue(Job job) {
            Duration ttl =
                job.timeoutSeconds() == null
                    ? TOKEN_TTL
                    : Duration.ofSeconds(job.timeoutSeconds()).plusHours(1);
            return credentials.issueJobToken(job.creatorId(), job.id(), ttl);
          }

          @Override
          public void revoke(Job job) {
            credentials.revokeJobTokens(job.id());
          }
        };
    return new KubernetesExecutor(client, config, capacity, tokens, tagger);
  }
}
