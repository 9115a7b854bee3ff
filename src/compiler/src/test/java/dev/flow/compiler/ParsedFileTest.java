package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Parsing on several cores gives what parsing one file after another gives, in the same order. */
class ParsedFileTest {
  @Test
  void parsingOnManyCoresEqualsParsingOnOne() throws IOException {
    List<SourceFile> files = models("../../examples", "src/test/resources/diagnostics", "src/test/resources/valid");
    assertTrue(files.size() > 250, "the examples and the test models: " + files.size());
    List<ParsedFile> one = ParsedFile.parseAll(files, false);
    List<ParsedFile> many = ParsedFile.parseAll(files, true);
    assertEquals(files.size(), many.size());
    assertTrue(one.stream().anyMatch(p -> p.unit().isEmpty()), "some test models have syntax errors");
    assertTrue(one.stream().anyMatch(p -> !p.diagnostics().isEmpty()));
    for (int i = 0; i < files.size(); i++) {
      assertEquals(one.get(i), many.get(i), files.get(i).name());
    }
  }

  @Test
  void aLargeModelIsParsedOnSeveralCoresAndChecksAsBefore() throws IOException {
    List<SourceFile> files = models("../../examples", "src/test/resources/valid");
    long chars = files.stream().mapToLong(f -> f.text().length()).sum();
    assertTrue(chars >= ParsedFile.PARALLEL_FROM_CHARS, "the examples are large enough to be parsed at once: " + chars);
    String before = System.getProperty(ParsedFile.PARALLEL_PROPERTY);
    try {
      System.setProperty(ParsedFile.PARALLEL_PROPERTY, "false");
      Compilation sequential = Compiler.check(files);
      System.clearProperty(ParsedFile.PARALLEL_PROPERTY);
      Compilation parallel = Compiler.check(files);
      assertEquals(sequential.units(), parallel.units());
      assertEquals(sequential.diagnostics(), parallel.diagnostics());
    } finally {
      if (before != null) {
        System.setProperty(ParsedFile.PARALLEL_PROPERTY, before);
      }
    }
  }

  private static List<SourceFile> models(String... dirs) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    for (String dir : dirs) {
      try (Stream<Path> walk = Files.walk(Path.of(dir))) {
        for (Path p : walk.filter(x -> x.toString().endsWith(".flow")).sorted().toList()) {
          files.add(new SourceFile(p.toString(), Files.readString(p)));
        }
      }
    }
    return files;
  }
}
