package org.acai.server.job.exec.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.acai.server.job.exec.JobUser;

/**
 * The bubblewrap command line of a job. The job sees a root of its own: the system's programs and
 * libraries ({@code /usr}, {@code /etc}, {@code /opt} and the {@code /bin}-style links) read-only,
 * fresh {@code /dev}, {@code /proc} (its own pid namespace), {@code /tmp} and {@code /dev/shm}, and
 * its work dir at {@link #WORK_DIR}. Nothing else of the host exists for it: not the data dir,
 * {@code /root}, {@code /home}, {@code /run} (container engines' sockets), {@code /var} or {@code
 * /sys}. Run by a root server, bubblewrap keeps only the capabilities {@code setpriv} needs to
 * become the job's uid, and {@code setpriv} drops them all, with no-new-privs, before the command.
 */
final class BwrapCommand {
  /** Where the job sees its working directory. */
  static final String WORK_DIR = "/job";

  private static final List<String> SYSTEM_DIRS =
      List.of("/usr", "/etc", "/opt", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

  /** The root view, computed once: binds for directories, links for merged-/usr links. */
  private static final List<String> ROOT_VIEW = rootView();

  private static final List<String> NAMESPACES =
      List.of(
          "--dev",
          "/dev",
          "--perms",
          "1777",
          "--tmpfs",
          "/dev/shm",
          "--proc",
          "/proc",
          "--perms",
          "1777",
          "--tmpfs",
          "/tmp",
          "--unshare-pid",
          "--unshare-ipc",
          "--unshare-uts",
          "--die-with-parent",
          // Guards the server's terminal against TIOCSTI and gives the job a session of its own.
          "--new-session");

  private BwrapCommand() {}

  /**
   * The options shared by the probe and real jobs, before the work dir is bound.
   *
   * @param switchesUser whether bubblewrap runs as root and the job becomes another uid
   * @param hostNetwork whether the job shares the host's network (else it has none)
   */
  static List<String> options(boolean switchesUser, boolean hostNetwork) {
    List<String> argv = new ArrayList<>(ROOT_VIEW);
    argv.addAll(NAMESPACES);
    if (!hostNetwork) {
      argv.add("--unshare-net");
    }
    argv.addAll(List.of("--cap-drop", "ALL"));
    if (switchesUser) {
      // Just what setpriv needs: change uid and gid, enter the work dir it does not own yet, and
      // clear the bounding set. setpriv drops them all before the command.
      for (String cap : List.of("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP", "CAP_DAC_OVERRIDE")) {
        argv.addAll(List.of("--cap-add", cap));
      }
    }
    return argv;
  }

  /** The whole command: bubblewrap, {@code setpriv} when switching users, then the program. */
  static List<String> argv(
      HostTools tools, Path work, JobUser user, boolean hostNetwork, List<String> program) {
    boolean switchesUser = user != null && user.dedicated();
    List<String> argv = new ArrayList<>(List.of(tools.bwrap().toString()));
    argv.addAll(options(switchesUser, hostNetwork));
    argv.addAll(List.of("--bind", work.toString(), WORK_DIR, "--chdir", WORK_DIR));
    argv.addAll(List.of("--remount-ro", "/", "--"));
    if (switchesUser) {
      argv.addAll(setpriv(tools, user));
    }
    argv.addAll(program);
    return argv;
  }

  static List<String> setpriv(HostTools tools, JobUser user) {
    return List.of(
        tools.setpriv().toString(),
        "--reuid=" + user.uid(),
        "--regid=" + user.gid(),
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs");
  }

  private static List<String> rootView() {
    List<String> argv = new ArrayList<>();
    for (String dir : SYSTEM_DIRS) {
      Path path = Path.of(dir);
      if (Files.isSymbolicLink(path)) {
        try {
          argv.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
        } catch (IOException e) {
          // An unreadable link is left out, like a missing directory.
        }
      } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        argv.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    return List.copyOf(argv);
  }
}
