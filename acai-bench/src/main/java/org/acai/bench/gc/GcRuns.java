package org.acai.bench.gc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.acai.bench.transfer.Shell;
import org.acai.server.AcaiServer;
import org.acai.server.config.ServerConfig;
import org.acai.testkit.s3.S3ProxyExtension;
import org.slf4j.LoggerFactory;

/** Parses the options, runs one {@link GcRun} per store and prints the table. */
public final class GcRuns {
  private GcRuns() {}

  /** Runs the benchmark and prints its table. */
  public static void run(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    options.put("versions", "1000000");
    options.put("blobs", "100000");
    options.put("dir-files", "100000");
    options.put("stores", "local,s3");
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      if (pair.length != 2 || !options.containsKey(pair[0])) {
        throw new IllegalArgumentException("Unknown argument: " + arg);
      }
      options.put(pair[0], pair[1]);
    }
    quietLogs();
    GcSizes sizes =
        new GcSizes(
            Integer.parseInt(options.get("versions")),
            Integer.parseInt(options.get("blobs")),
            Integer.parseInt(options.get("dir-files")));
    List<String> rows = new ArrayList<>();
    for (String store : options.get("stores").split(",")) {
      rows.add(runOn(store.strip(), sizes));
    }
    System.out.println();
    System.out.println(
        "| store | versions | blobs | setup s | GC s | purged | freed blobs | freed MB"
            + " | heap before MB | GC peak heap MB | rm -r files | rm -r s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
    System.out.printf(
        Locale.ROOT,
        "%nJVM max heap %d MB; %d cores.%n",
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
  }

  private static void quietLogs() {
    for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "acai.access"}) {
      if (LoggerFactory.getLogger(name) instanceof Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
  }

  private static String runOn(String store, GcSizes sizes) throws Exception {
    Path home = Files.createTempDirectory("acai-gc-bench");
    Map<String, String> env = new HashMap<>();
    env.put("ACAI_RETENTION", "0");
    env.put("ACAI_GC_GRACE", "0");
    env.put("ACAI_GC_INTERVAL", "0");
    S3ProxyExtension s3 = null;
    try {
      if (store.equals("s3")) {
        s3 = new S3ProxyExtension();
        s3.start();
        env.putAll(s3.acaiEnv("gcbench/"));
      } else if (!store.equals("local")) {
        throw new IllegalArgumentException("Unknown store: " + store);
      }
      ServerConfig config = ServerConfig.fromEnv(env).withHome(home).withPorts(0, null);
      try (AcaiServer server = AcaiServer.start(config)) {
        return new GcRun(server, home, store, s3, sizes).measure();
      }
    } finally {
      if (s3 != null) {
        s3.close();
      }
      Shell.delete(home);
    }
  }
}
