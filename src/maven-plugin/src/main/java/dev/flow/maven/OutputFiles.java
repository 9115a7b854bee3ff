package dev.flow.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Writes generated files so that an unchanged file is never touched (its timestamp stays, so
 * javac and downstream builds see nothing new), and deletes the files a generation no longer
 * produces, but only those that the plugin wrote before.
 */
final class OutputFiles {
  /** Where bytes go: the file system, or an IDE's build context that also refreshes its workspace. */
  interface Sink {
    OutputStream open(Path file) throws IOException;

    /** Called after a file or directory was deleted. */
    default void deleted(Path path) {}
  }

  /** What one sync did. */
  record Counts(int written, int unchanged, int deleted) {}

  private final Sink sink;

  OutputFiles(Sink sink) {
    this.sink = sink;
  }

  static Sink fileSystem() {
    return Files::newOutputStream;
  }

  /**
   * Makes the disk hold {@code files} (absolute path to bytes), and removes every path of
   * {@code previous} that is not among them, with the directories that this leaves empty inside
   * {@code roots}.
   */
  Counts sync(Map<Path, byte[]> files, Set<Path> previous, Set<Path> roots) throws IOException {
    int written = 0;
    int unchanged = 0;
    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      if (write(file.getKey(), file.getValue())) {
        written++;
      } else {
        unchanged++;
      }
    }
    int deleted = 0;
    for (Path stale : previous) {
      if (!files.containsKey(stale) && Files.deleteIfExists(stale)) {
        deleted++;
        sink.deleted(stale);
        deleteEmptyParents(stale, roots);
      }
    }
    return new Counts(written, unchanged, deleted);
  }

  /** Writes {@code bytes} unless the file already holds exactly them; true when it wrote. */
  boolean write(Path file, byte[] bytes) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return false;
    }
    Files.createDirectories(file.getParent());
    try (OutputStream out = sink.open(file)) {
      out.write(bytes);
    }
    return true;
  }

  private void deleteEmptyParents(Path file, Set<Path> roots) throws IOException {
    Path root = roots.stream().filter(file::startsWith).findFirst().orElse(null);
    if (root == null) {
      return;
    }
    for (Path dir = file.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
      if (!isEmptyDirectory(dir)) {
        return;
      }
      Files.delete(dir);
      sink.deleted(dir);
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }
}
