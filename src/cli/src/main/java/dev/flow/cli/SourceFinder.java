package dev.flow.cli;

import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code FILES|DIRS} arguments of a command into source files. A file is taken as
 * it is named; a directory is searched recursively for {@code *.flow} files, skipping hidden
 * entries and the build folders {@code target} and {@code node_modules}. The result is
 * deterministic: arguments in the order given, each directory's files sorted by path, every
 * file once. Every problem is collected before giving up, so one run names every bad path.
 */
final class SourceFinder {
  private SourceFinder() {}

  /** Directory names never searched (below the directories named on the command line). */
  static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules");

  /** The arguments, or the current directory when there are none. */
  static List<String> orCurrentDirectory(List<String> arguments) {
    return arguments.isEmpty() ? List.of(".") : arguments;
  }

  /** Finds the files and reads them as strict UTF-8. */
  static List<SourceFile> read(List<String> arguments) throws UsageException {
    List<String> problems = new ArrayList<>();
    List<Path> paths = find(arguments, problems);
    List<SourceFile> files = new ArrayList<>();
    for (Path path : paths) {
      try {
        files.add(SourceFile.read(path));
      } catch (IOException e) {
        problems.add(describe(path, e));
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("\n", problems));
    }
    return files;
  }

  /** The files the arguments name, or the problems with them added to {@code problems}. */
  static List<Path> find(List<String> arguments, List<String> problems) {
    Map<Path, Path> found = new LinkedHashMap<>(); // identity -> path as the user will see it
    for (String argument : arguments) {
      Path path;
      try {
        path = Path.of(argument);
      } catch (InvalidPathException e) {
        problems.add("not a valid path: " + argument);
        continue;
      }
      if (!Files.exists(path)) {
        problems.add("no such file or directory: " + argument);
      } else if (Files.isDirectory(path)) {
        List<Path> inDirectory = search(path, problems);
        if (inDirectory.isEmpty()) {
          problems.add("no .flow files in directory: " + argument);
        }
        // Below the current directory, files are named as from it: `a.flow`, not `./a.flow`.
        boolean here = path.normalize().toString().isEmpty();
        inDirectory.forEach(p -> found.putIfAbsent(identity(p), here ? p.normalize() : p));
      } else {
        found.putIfAbsent(identity(path), path);
      }
    }
    return List.copyOf(found.values());
  }

  private static List<Path> search(Path root, List<String> problems) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(root) && skipped(dir)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String name = file.getFileName().toString();
          // attrs describe a symbolic link itself; Files.isRegularFile follows it.
          if (name.endsWith(".flow") && !name.startsWith(".") && Files.isRegularFile(file)) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          problems.add(describe(file, e));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
          if (e != null) {
            problems.add(describe(dir, e));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      problems.add(describe(root, e));
    }
    files.sort(null);
    return files;
  }

  private static boolean skipped(Path dir) {
    String name = dir.getFileName().toString();
    return name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name);
  }

  /** What makes two paths the same file: the real path where there is one. */
  private static Path identity(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** One line, in the form {@code <problem>: <path>}. */
  private static String describe(Path path, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: " + path;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + path;
    }
    if (e.getCause() instanceof CharacterCodingException) {
      return "not a UTF-8 text file: " + path;
    }
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "cannot read " + path + ": " + reason;
  }
}
