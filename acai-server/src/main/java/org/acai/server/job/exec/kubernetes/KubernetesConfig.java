package org.acai.server.job.exec.kubernetes;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.job.workspace.CodeLimits;

/**
 * Where and how jobs run on Kubernetes, from {@code ACAI_K8S_*} variables.
 *
 * @param namespace namespace of the job's Jobs, Pods and Secrets ({@code ACAI_K8S_NAMESPACE})
 * @param agentImage the ACAI image that stages and uploads ({@code ACAI_K8S_AGENT_IMAGE})
 * @param serverUrl the URL pods reach this server at ({@code ACAI_K8S_SERVER_URL})
 * @param defaultImage the image of jobs that name none ({@code ACAI_K8S_DEFAULT_IMAGE})
 * @param serviceAccount the pods' service account, or null ({@code ACAI_K8S_SERVICE_ACCOUNT}); its
 *     API token is never mounted
 * @param nodeSelector {@code k=v,k2=v2} ({@code ACAI_K8S_NODE_SELECTOR})
 * @param tolerations {@code key[=value]:Effect,...} ({@code ACAI_K8S_TOLERATIONS})
 * @param imagePullSecrets {@code name,name} ({@code ACAI_K8S_IMAGE_PULL_SECRETS})
 * @param labels extra labels on Jobs and Pods, {@code k=v,...} ({@code ACAI_K8S_LABELS})
 * @param jobUid the uid jobs run as, also the agent's ({@code ACAI_K8S_JOB_UID}, default 10001)
 * @param pullGrace how long an image may fail to pull before the job fails ({@code
 *     ACAI_K8S_PULL_GRACE_SECONDS}, default 120)
 * @param poll how often pods are looked at ({@code ACAI_K8S_POLL_MILLIS}, default 1000)
 * @param codeLimits how large a code archive the agent unpacks ({@code ACAI_MAX_CODE_SIZE}, {@code
 *     ACAI_MAX_CODE_FILES}, as for the local executors)
 */
public record KubernetesConfig(
    String namespace,
    String agentImage,
    URI serverUrl,
    String defaultImage,
    String serviceAccount,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    List<String> imagePullSecrets,
    Map<String, String> labels,
    long jobUid,
    Duration pullGrace,
    Duration poll,
    CodeLimits codeLimits) {

  /** Checks the fields. */
  public KubernetesConfig {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(agentImage, "agentImage");
    Objects.requireNonNull(serverUrl, "serverUrl");
    nodeSelector = Map.copyOf(nodeSelector);
    tolerations = List.copyOf(tolerations);
    imagePullSecrets = List.copyOf(imagePullSecrets);
    labels = Map.copyOf(labels);
  }

  /**
   * Reads the configuration.
   *
   * @throws InvalidRequestException if a required variable is missing or one is malformed
   */
  public static KubernetesConfig fromEnv(Map<String, String> env, String defaultNamespace) {
    return new KubernetesConfig(
        env.getOrDefault("ACAI_K8S_NAMESPACE", defaultNamespace),
        required(env, "ACAI_K8S_AGENT_IMAGE"),
        URI.create(required(env, "ACAI_K8S_SERVER_URL")),
        env.getOrDefault("ACAI_K8S_DEFAULT_IMAGE", "docker.io/library/debian:bookworm-slim"),
        env.get("ACAI_K8S_SERVICE_ACCOUNT"),
        pairs(env, "ACAI_K8S_NODE_SELECTOR"),
        tolerations(env.getOrDefault("ACAI_K8S_TOLERATIONS", "")),
        list(env.getOrDefault("ACAI_K8S_IMAGE_PULL_SECRETS", "")),
        pairs(env, "ACAI_K8S_LABELS"),
        number(env, "ACAI_K8S_JOB_UID", 10001),
        Duration.ofSeconds(number(env, "ACAI_K8S_PULL_GRACE_SECONDS", 120)),
        Duration.ofMillis(number(env, "ACAI_K8S_POLL_MILLIS", 1000)),
        CodeLimits.fromEnv(env));
  }

  private static String required(Map<String, String> env, String key) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException("Missing %s: needed with ACAI_EXECUTOR=kubernetes", key);
    }
    return value.strip();
  }

  private static long number(Map<String, String> env, String key, long fallback) {
    String value = env.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.strip().matches("\\d{1,12}")) {
      throw new InvalidRequestException("Invalid %s: %s", key, value);
    }
    return Long.parseLong(value.strip());
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  private static Map<String, String> pairs(Map<String, String> env, String key) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String item : list(env.getOrDefault(key, ""))) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new InvalidRequestException("Invalid %s: %s (expected key=value)", key, item);
      }
      pairs.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
    }
    return pairs;
  }

  /** {@code gpu=true:NoSchedule,dedicated:NoExecute}: key, optional value, effect. */
  private static List<Toleration> tolerations(String value) {
    List<Toleration> tolerations = new ArrayList<>();
    for (String item : list(value)) {
      int colon = item.lastIndexOf(':');
      if (colon <= 0) {
        throw new InvalidRequestException(
            "Invalid ACAI_K8S_TOLERATIONS: %s (expected key[=value]:Effect)", item);
      }
      String keyValue = item.substring(0, colon);
      int eq = keyValue.indexOf('=');
      TolerationBuilder toleration = new TolerationBuilder().withEffect(item.substring(colon + 1));
      if (eq < 0) {
        toleration.withKey(keyValue).withOperator("Exists");
      } else {
        toleration
            .withKey(keyValue.substring(0, eq))
            .withOperator("Equal")
            .withValue(keyValue.substring(eq + 1));
      }
      tolerations.add(toleration.build());
    }
    return tolerations;
  }
}
