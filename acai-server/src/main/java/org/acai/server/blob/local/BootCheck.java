package org.acai.server.blob.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.acai.server.home.FileModes;

/**
 * Tells whether the machine rebooted since a store was last opened, by the kernel's boot id
 * (Linux). Staged bytes are not fsynced, so they survive a restart of the server but maybe not an
 * OS crash or power loss; after a reboot they must not be trusted.
 */
final class BootCheck {
  static final String FILE_NAME = "boot-id";
  private static final Path KERNEL_BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  private BootCheck() {}

  /** The kernel's id of the current boot, or empty where the system has none. */
  static Optional<String> currentBootId() {
    try {
      String id = Files.readString(KERNEL_BOOT_ID, StandardCharsets.US_ASCII).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The boot id {@link #record} wrote last, if any. */
  static Optional<String> recorded(Path root) throws IOException {
    try {
      return Optional.of(
          Files.readString(root.resolve(FILE_NAME), StandardCharsets.US_ASCII).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Records {@code bootId} as the boot the store runs in, durably. */
  static void record(Path root, Path tempDir, String bootId) throws IOException {
    Path file = root.resolve(FILE_NAME);
    Path temp = tempDir.resolve("boot-id-" + UUID.randomUUID());
    Files.writeString(
        Files.createFile(temp, FileModes.privateFile()), bootId + "\n", StandardCharsets.US_ASCII);
    LocalFiles.fsyncFile(temp);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    LocalFiles.fsyncDirectory(root);
  }
}
