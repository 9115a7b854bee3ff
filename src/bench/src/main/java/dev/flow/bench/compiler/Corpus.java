package dev.flow.bench.compiler;

import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A generated model of about {@code lines} lines for the compiler benchmarks: copies of the
 * checkout's example packages ({@code examples/}) and of the valid multi-file test models
 * ({@code src/compiler/src/test/resources/valid/*}/), each copy with its packages renamed
 * ({@code com.acme.x} becomes {@code com.acme.cN.x}), so that every copy is a model of its own
 * and the whole corpus checks without errors. Nothing is written to the repository: the copies
 * live in memory.
 */
public final class Corpus {
  private Corpus() {}

  /** The seed models, read once from the checkout. */
  static List<SourceFile> seed() {
    Path root = checkout();
    List<SourceFile> files = new ArrayList<>();
    for (Path dir : List.of(root.resolve("examples"),
        root.resolve("src/compiler/src/test/resources/valid/multi_package"),
        root.resolve("src/compiler/src/test/resources/valid/same_package_across_files"))) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.filter(f -> f.toString().endsWith(".flow")).sorted().toList()) {
          files.add(new SourceFile(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** At least {@code lines} lines: as many renamed copies of the seed as it takes. */
  public static List<SourceFile> ofLines(int lines) {
    List<SourceFile> seed = seed();
    List<SourceFile> out = new ArrayList<>();
    int total = 0;
    for (int copy = 0; total < lines; copy++) {
      for (SourceFile f : seed) {
        String text = f.text().replace("com.acme.", "com.acme.c" + copy + ".");
        out.add(new SourceFile("c" + copy + "/" + f.name(), text));
        total += f.lineCount();
      }
    }
    return out;
  }

  /** Lines in the files. */
  public static long lines(List<SourceFile> files) {
    long n = 0;
    for (SourceFile f : files) {
      n += f.lineCount();
    }
    return n;
  }

  /**
   * The checkout: the system property {@code flow.checkout}, else the first directory from the
   * working directory up that has {@code examples/} and {@code src/compiler}.
   */
  static Path checkout() {
    String given = System.getProperty("flow.checkout");
    if (given != null) {
      return Paths.get(given).toAbsolutePath();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples")) && Files.isDirectory(p.resolve("src/compiler"))) {
        return p;
      }
    }
    throw new IllegalStateException("run from inside the Flow checkout or set -Dflow.checkout=DIR");
  }
}
