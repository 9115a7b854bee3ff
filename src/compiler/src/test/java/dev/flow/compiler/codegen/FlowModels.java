package dev.flow.compiler.codegen;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The valid models the generator is tested on: each model of {@code src/test/resources/valid}, and all of {@code examples/}. */
final class FlowModels {
  private FlowModels() {}

  /** A model: one file, or the files of a folder, compiled together. */
  record Model(String name, List<Path> sources) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final Path EXAMPLES = Path.of("../../examples");
  static final Path VALID = Path.of("src/test/resources/valid");
  static final Path CODEGEN_MODELS = Path.of("src/test/resources/codegen/models");

  static List<Model> all() throws IOException {
    List<Model> models = new ArrayList<>();
    try (Stream<Path> entries = Files.list(VALID)) {
      for (Path p : entries.sorted().toList()) {
        if (Files.isDirectory(p)) {
          models.add(new Model("valid/" + p.getFileName(), flowFiles(p)));
        } else if (p.toString().endsWith(".flow")) {
          models.add(new Model("valid/" + p.getFileName(), List.of(p)));
        }
      }
    }
    for (Path p : flowFiles(CODEGEN_MODELS)) {
      models.add(new Model("codegen/" + p.getFileName(), List.of(p)));
    }
    models.add(new Model("examples", flowFiles(EXAMPLES)));
    return models;
  }

  /**
   * Every {@code .flow} file under a folder, sorted, as {@code flowc} finds them (no hidden
   * folders, no {@code target}), leaving out nested Maven projects, which hold copies of the
   * models for their own build.
   */
  static List<Path> flowFiles(Path folder) throws IOException {
    List<Path> out = new ArrayList<>();
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName().toString();
        boolean skipped = name.startsWith(".") || name.equals("target") || Files.exists(dir.resolve("pom.xml"));
        return !dir.equals(folder) && skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.toString().endsWith(".flow")) {
          out.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    out.sort(null);
    return out;
  }
}
