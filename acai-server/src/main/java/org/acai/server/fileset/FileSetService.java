package org.acai.server.fileset;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetDownload;
import org.acai.api.storage.FileSetDraft;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.server.auth.Principal;
import org.acai.server.fileset.FileSetStore.SetRow;
import org.acai.server.storage.FileRef;
import org.acai.server.storage.FileService;
import org.acai.server.storage.FileVersion;
import org.jdbi.v3.core.Jdbi;

/**
 * File sets: named, versioned, immutable lists of exact file versions. Thread-safe; every call is
 * scoped to the caller's project.
 */
public final class FileSetService {
  /** Most members one create call may name. */
  public static final int MAX_MEMBERS = 100_000;

  private final Jdbi jdbi;
  private final FileService files;
  private final DownloadLinks links;
  private final CreatedListener listener;
  private final long maxOpenDrafts;

  /**
   * Creates the service; {@code listener} hears of each new version inside its transaction, and a
   * user may have at most {@code maxOpenDrafts} open drafts.
   */
  public FileSetService(
      Jdbi jdbi,
      FileService files,
      DownloadLinks links,
      CreatedListener listener,
      long maxOpenDrafts) {
    this.maxOpenDrafts = maxOpenDrafts;
    this.jdbi = jdbi;
    this.files = files;
    this.links = links;
    this.listener = listener;
  }

  /** Told about each new file-set version before its transaction commits. */
  @FunctionalInterface
  public interface CreatedListener {
    /** Called once per new version. */
    void created(
        org.jdbi.v3.core.Handle handle,
        long project,
        String explicitId,
        long files,
        long bytes,
        long creator);
  }

  /** Signs download URLs for file versions (the storage layer's data plane). */
  @FunctionalInterface
  public interface DownloadLinks {
    /** A presigned GET URL for a version of {@code project}'s file. */
    String url(String baseUrl, long project, FileVersion version);
  }

  /**
   * Creates the next version of a file set from paths and other sets, resolved to exact versions
   * now; nested sets are flattened and recorded as sources. Nothing is created on any error.
   *
   * @throws NoSuchFileException naming the first unknown file member
   * @throws NoSuchFileSetException naming the first unknown set member
   * @throws ConflictException if two members are different versions of one path
   */
  public FileSetContent create(Principal caller, String name, List<String> members) {
    checkRequest(name, members == null ? List.of() : members);
    if (members == null || members.isEmpty()) {
      throw new InvalidRequestException("Cannot create file set %s: no members", name);
    }
    return jdbi.inTransaction(
        handle -> {
          // Before the members resolve: a purge now waits for this set, or went first.
          MemberGuard.lockForMembers(handle, caller.projectKey());
          FileSetStore store = new FileSetStore(handle);
          Map<String, FileVersion> byPath = new LinkedHashMap<>();
          Set<Long> sources = new LinkedHashSet<>();
          gather(store, caller, name, members, byPath, sources);
          int version = store.reserveVersion(caller.projectKey(), name);
          long id = store.insertSet(null, caller.projectKey(), name, version, caller.userId()).id();
          List<FileVersion> sorted = sorted(byPath);
          store.insertMembers(id, sorted);
          sources.forEach(source -> store.insertSource(id, source));
          listener.created(
              handle,
              caller.projectKey(),
              name + ":" + version,
              sorted.size(),
              bytes(sorted),
              caller.userId());
          return new FileSetContent(name + ":" + version, ids(sorted), store.sources(id));
        });
  }

  /**
   * Opens a draft that the caller's batch uploads can add members to (see {@link
   * #createFromDraft}).
   */
  public FileSetDraft openDraft(Principal caller) {
    return jdbi.inTransaction(handle -> FileSetDrafts.open(handle, caller, maxOpenDrafts));
  }

  /**
   * Makes the caller's open draft the next version of a file set, with the members its batches
   * added and {@code more} (as {@link #create} takes them), in statements that do not grow with the
   * draft's members. The draft is used up.
   *
   * @throws NoSuchFileSetException if the caller has no such open draft, or names an unknown set
   * @throws NoSuchFileException naming the first unknown file member
   * @throws ConflictException if a path is named as two versions
   * @throws InvalidRequestException if the set would have no members
   */
  public FileSetVersionInfo createFromDraft(
      Principal caller, String name, long draft, List<String> more) {
    List<String> members = more == null ? List.of() : more;
    checkRequest(name, members);
    return jdbi.inTransaction(
        handle -> {
          MemberGuard.lockForMembers(handle, caller.projectKey());
          FileSetDrafts.Totals drafted = FileSetDrafts.take(handle, caller, draft);
          FileSetStore store = new FileSetStore(handle);
          Map<String, FileVersion> byPath = new LinkedHashMap<>();
          Set<Long> sources = new LinkedHashSet<>();
          gather(store, caller, name, members, byPath, sources);
          if (!byPath.isEmpty()) {
            store
                .membersAt(draft, List.copyOf(byPath.keySet()))
                .forEach(
                    (path, there) -> {
                      add(name, byPath, there);
                      byPath.remove(path);
                    });
          }
          List<FileVersion> sorted = sorted(byPath);
          long files = drafted.files() + sorted.size();
          if (files == 0) {
            throw new InvalidRequestException("Cannot create file set %s: no members", name);
          }
          long bytes = drafted.bytes() + bytes(sorted);
          int version = store.reserveVersion(caller.projectKey(), name);
          long created =
              store
                  .insertSet(draft, caller.projectKey(), name, version, caller.userId())
                  .createdAt();
          store.insertMembers(draft, sorted);
          sources.forEach(source -> store.insertSource(draft, source));
          String id = name + ":" + version;
          listener.created(handle, caller.projectKey(), id, files, bytes, caller.userId());
          return new FileSetVersionInfo(
              id, name, version, Math.toIntExact(files), bytes, caller.userId(), created);
        });
  }

  private static void checkRequest(String name, List<String> members) {
    FileSetRef.checkName(name);
    if (members.size() > MAX_MEMBERS) {
      throw new PayloadTooLargeException(
          "Cannot create file set %s: more than %d members", name, MAX_MEMBERS);
    }
  }

  /** Resolves members into {@code byPath} (nested sets flattened, recorded in {@code sources}). */
  private void gather(
      FileSetStore store,
      Principal caller,
      String name,
      List<String> members,
      Map<String, FileVersion> byPath,
      Set<Long> sources) {
    Iterator<FileVersion> files = resolveFiles(caller, name, members).iterator();
    for (String member : members) {
      if (member != null && member.startsWith("@")) {
        SetRow source = find(store, caller.projectKey(), FileSetRef.parse(member));
        sources.add(source.id());
        store.members(source.id()).forEach(version -> add(name, byPath, version));
      } else {
        add(name, byPath, files.next());
      }
    }
  }

  private static long bytes(List<FileVersion> members) {
    return members.stream().mapToLong(FileVersion::size).sum();
  }

  /** The members of a file-set version; the latest when the reference has no version. */
  public FileSetContent resolve(Principal caller, String reference) {
    return jdbi.withHandle(
        handle -> {
          FileSetStore store = new FileSetStore(handle);
          SetRow row = find(store, caller.projectKey(), FileSetRef.parse(reference));
          return new FileSetContent(
              row.explicitId(), ids(store.members(row.id())), store.sources(row.id()));
        });
  }

  /** The exact file versions of a file-set version (for job staging). */
  public List<FileVersion> members(long project, String reference) {
    return jdbi.withHandle(
        handle -> {
          FileSetStore store = new FileSetStore(handle);
          return store.members(find(store, project, FileSetRef.parse(reference)).id());
        });
  }

  /**
   * The members of a file-set version at the given paths (trashed versions it pins included), by
   * path; a path that is not a member is absent.
   *
   * @throws org.acai.api.error.NoSuchFileSetException if there is no such set or version
   */
  public Map<String, FileVersion> membersAt(long project, String reference, List<String> paths) {
    return jdbi.withHandle(
        handle -> {
          FileSetStore store = new FileSetStore(handle);
          return store.membersAt(find(store, project, FileSetRef.parse(reference)).id(), paths);
        });
  }

  /**
   * The members, each with a presigned URL if it has {@code urlMinSize} bytes or more (0: all), by
   * remote path without version.
   */
  public FileSetDownload download(
      Principal caller, String reference, String baseUrl, long urlMinSize) {
    return jdbi.withHandle(
        handle -> {
          FileSetStore store = new FileSetStore(handle);
          SetRow row = find(store, caller.projectKey(), FileSetRef.parse(reference));
          List<FileSetDownload.Entry> entries = new ArrayList<>();
          for (FileVersion member : store.members(row.id())) {
            entries.add(
                new FileSetDownload.Entry(
                    member.path().value(),
                    member.size() < urlMinSize
                        ? null
                        : links.url(baseUrl, caller.projectKey(), member),
                    member.version(),
                    member.size(),
                    member.sha256()));
          }
          return new FileSetDownload(row.explicitId(), entries);
        });
  }

  /**
   * Every version of a file set, oldest first.
   *
   * @throws NoSuchFileSetException if there is none
   */
  public List<FileSetVersionInfo> versions(Principal caller, String name) {
    FileSetRef.checkName(name);
    List<FileSetVersionInfo> versions =
        jdbi.withHandle(handle -> new FileSetStore(handle).versions(caller.projectKey(), name));
    if (versions.isEmpty()) {
      throw new NoSuchFileSetException("No such file set: %s", name);
    }
    return versions;
  }

  /** The names of the project's file sets. */
  public List<String> list(Principal caller) {
    return jdbi.withHandle(handle -> new FileSetStore(handle).names(caller.projectKey()));
  }

  /**
   * A page of the caller's project's file set names in name order: up to {@code limit} after {@code
   * after} (null or empty: from the first); {@code next} is the cursor of the following page, null
   * on the last.
   */
  public NamePage listPage(Principal caller, String after, int limit) {
    List<String> names =
        jdbi.withHandle(
            handle ->
                new FileSetStore(handle)
                    .names(caller.projectKey(), after == null ? "" : after, limit + 1));
    return names.size() > limit
        ? new NamePage(names.subList(0, limit), names.get(limit - 1))
        : new NamePage(names, null);
  }

  /** A page of names and the cursor of the next one (null on the last page). */
  public record NamePage(List<String> names, String next) {}

  /** The explicit id of a file set reference, if it exists. */
  public Optional<String> explicitId(long project, String reference) {
    return jdbi.withHandle(
        handle -> {
          FileSetRef ref = FileSetRef.parse(reference);
          return new FileSetStore(handle)
              .find(project, ref.name(), ref.version())
              .map(SetRow::explicitId);
        });
  }

  /** The file members (not {@code @set} ones) resolved in one query, in member order. */
  private List<FileVersion> resolveFiles(Principal caller, String name, List<String> members) {
    List<String> named = members.stream().filter(m -> m == null || !m.startsWith("@")).toList();
    List<FileRef> refs = named.stream().map(FileRef::parse).toList();
    List<Optional<FileVersion>> found = files.versions(caller.projectKey(), refs);
    List<FileVersion> resolved = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      String member = named.get(i);
      resolved.add(
          found
              .get(i)
              .orElseThrow(
                  () ->
                      new NoSuchFileException(
                          "Cannot create file set %s: no such file %s", name, member)));
    }
    return resolved;
  }

  private static SetRow find(FileSetStore store, long project, FileSetRef ref) {
    return store
        .find(project, ref.name(), ref.version())
        .orElseThrow(() -> new NoSuchFileSetException("No such file set: %s", ref));
  }

  private static void add(String name, Map<String, FileVersion> byPath, FileVersion version) {
    FileVersion existing = byPath.putIfAbsent(version.path().value(), version);
    if (existing != null && existing.version() != version.version()) {
      throw new ConflictException(
          "Cannot create file set %s: %s is named twice, as versions %d and %d",
          name, version.path(), existing.version(), version.version());
    }
  }

  private static List<FileVersion> sorted(Map<String, FileVersion> byPath) {
    return byPath.values().stream()
        .sorted((a, b) -> a.path().value().compareTo(b.path().value()))
        .toList();
  }

  private static List<String> ids(List<FileVersion> versions) {
    return versions.stream().map(FileVersion::explicitId).toList();
  }
}
