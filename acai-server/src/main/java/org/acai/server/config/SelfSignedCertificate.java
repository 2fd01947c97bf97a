package org.acai.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.acai.server.home.FileModes;
import org.acai.server.http.TlsSettings;

/**
 * A self-signed certificate for HTTPS when none is configured, generated once with the JDK's
 * keytool and kept in the data directory (the original client speaks https with certificate checks
 * off).
 */
public final class SelfSignedCertificate {
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private SelfSignedCertificate() {}

  /** The TLS settings of the server's self-signed certificate, generating it on first use. */
  public static TlsSettings ensure(Path home, int port) {
    Path dir = home.resolve("tls");
    Path keystore = dir.resolve("self-signed.p12");
    Path passwordFile = dir.resolve("keystore-password");
    try {
      if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
        generate(dir, keystore, passwordFile);
      }
      return new TlsSettings(
          port, keystore, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the self-signed certificate in " + dir, e);
    }
  }

  private static void generate(Path dir, Path keystore, Path passwordFile) throws IOException {
    FileModes.createPrivateDirectories(dir);
    Files.deleteIfExists(keystore);
    Files.deleteIfExists(passwordFile);
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Files.createFile(
        passwordFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            "acai",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-validity",
            "3650",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-storetype",
            "PKCS12",
            "-keystore",
            keystore.toString(),
            "-storepass:env",
            "ACAI_KS_PASS",
            "-keypass:env",
            "ACAI_KS_PASS");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ACAI_KS_PASS", password);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output.trim());
      }
      FileModes.restrict(keystore);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while generating a certificate", e);
    }
  }
}
