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

  /**
   * What a write did: {@code changed} of {@code total} files written, the others already up to date.
   *
   * @param changed files written because they were missing or different
   * @param total files generated
   */
  record Written(int changed, int total) {
    /** "wrote 3 Java files to out", "wrote 1 of 3 Java files to out (2 unchanged)", "3 Java files in out are up to date". */
    String summary(String singular, String plural, String directory) {
      String noun = total == 1 ? singular : plural;
      if (changed == total) {
        return "wrote " + total + " " + noun + " to " + directory;
      }
      if (changed == 0) {
        return total + " " + noun + " in " + directory + (total == 1 ? " is" : " are") + " up to date";
      }
      return "wrote " + changed + " of " + total + " " + noun + " to " + directory + " (" + (total - changed) + " unchanged)";
    }
  }

  /** Writes the files whose content differs; tells how many that was. */
  static Written write(String directory, Map<String, String> files) throws UsageException {
    Path root;
    try {
      root = Path.of(directory);
    } catch (InvalidPathException e) {
      throw new UsageException("not a valid path: " + directory);
    }
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new UsageException("not a directory: " + directory, "-o names the directory to write into");
    }
    int changed = 0;
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey());
      try {
        byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        changed++;
      } catch (IOException e) {
        throw new UsageException("cannot write " + target + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    return new Written(changed, files.size());
  }
}
