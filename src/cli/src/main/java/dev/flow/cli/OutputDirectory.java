package dev.flow.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes generated files (relative path with {@code /} to text) below a directory, as UTF-8,
 * creating folders as needed. A file whose content is already the same is left alone, so a
 * second run changes nothing, not even modification times. Files that are there but not
 * generated are kept: flowc never deletes what it did not write.
 */
final class OutputDirectory {
  private OutputDirectory() {}

  /** @return how many files were written or already up to date */
  static int write(String directory, Map<String, String> files) throws UsageException {
    Path root;
    try {
      root = Path.of(directory);
    } catch (InvalidPathException e) {
      throw new UsageException("not a valid path: " + directory);
    }
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new UsageException("not a directory: " + directory, "-o names the directory to write into");
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey());
      try {
        byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
      } catch (IOException e) {
        throw new UsageException("cannot write " + target + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    return files.size();
  }
}
