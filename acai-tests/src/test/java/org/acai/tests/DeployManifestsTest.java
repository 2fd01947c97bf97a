package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.acai.server.AcaiServer;
import org.acai.server.config.ServerConfig;
import org.acai.server.job.exec.kubernetes.KubernetesConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code deploy/base} renders offline with {@code kubectl kustomize} and sets real settings. */
class DeployManifestsTest {
  private static final Pattern KEY = Pattern.compile("ACAI_[A-Z0-9_]+");
  private static List<HasMetadata> objects;

  @BeforeAll
  static void render() throws Exception {
    Path base = Path.of("..", "deploy", "base").toAbsolutePath().normalize();
    Process kubectl;
    try {
      kubectl =
          new ProcessBuilder("kubectl", "kustomize", base.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      System.out.println("SKIP: kubectl is not installed");
      Assumptions.abort("kubectl is not installed");
      return;
    }
    byte[] yaml = kubectl.getInputStream().readAllBytes();
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).isZero();
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      objects = client.load(new ByteArrayInputStream(yaml)).items();
    }
  }

  @Test
  void rendersTheServerWithReplicasProbesAndSecretReferences() {
    Deployment deployment = only(Deployment.class);
    Container server = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(server.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(server.getEnv())
        .filteredOn(env -> env.getName().matches(".*(PASSWORD|SECRET|DB_URL|DB_USER|KEY_ID).*"))
        .isNotEmpty()
        .allMatch(env -> env.getValue() == null && env.getValueFrom().getSecretKeyRef() != null);
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains("Service", "ServiceAccount", "RoleBinding", "ConfigMap");
  }

  @Test
  void theRoleReachesOnlyJobsPodsLogsAndSecretsInItsNamespace() {
    Role role = only(Role.class);
    Set<String> resources = new HashSet<>();
    for (PolicyRule rule : role.getRules()) {
      resources.addAll(rule.getResources());
      assertThat(rule.getVerbs()).doesNotContain("*");
    }
    assertThat(resources).containsExactlyInAnyOrder("jobs", "pods", "pods/log", "secrets");
    assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("ClusterRole");
  }

  @Test
  void everySettingItSetsIsOneTheServerReadsAndParses() throws Exception {
    ConfigMap config = only(ConfigMap.class);
    Container server =
        only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    Set<String> set = new TreeSet<>(config.getData().keySet());
    server.getEnv().stream()
        .map(EnvVar::getName)
        .filter(n -> n.startsWith("ACAI_"))
        .forEach(set::add);

    assertThat(serverKeys()).containsAll(set);
    ServerConfig.fromEnv(config.getData());
    KubernetesConfig kubernetes = KubernetesConfig.fromEnv(config.getData(), "default");
    assertThat(kubernetes.namespace()).isEqualTo(only(Role.class).getMetadata().getNamespace());
  }

  /** Every {@code ACAI_*} name in the server's classes and resources: what it can read. */
  private static Set<String> serverKeys() throws IOException, URISyntaxException {
    Path classes =
        Path.of(AcaiServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> keys = new TreeSet<>();
    if (Files.isDirectory(classes)) {
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          Matcher matcher =
              KEY.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
          while (matcher.find()) {
            keys.add(matcher.group());
          }
        }
      }
    } else {
      try (var jar = new java.util.jar.JarFile(classes.toFile())) {
        for (var entry : (Iterable<java.util.jar.JarEntry>) jar.stream()::iterator) {
          Matcher matcher =
              KEY.matcher(
                  new String(
                      jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1));
          while (matcher.find()) {
            keys.add(matcher.group());
          }
        }
      }
    }
    assertThat(keys).contains("ACAI_DB_URL", "ACAI_EXECUTOR", "ACAI_K8S_SERVER_URL");
    return keys;
  }

  private static <T extends HasMetadata> T only(Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
