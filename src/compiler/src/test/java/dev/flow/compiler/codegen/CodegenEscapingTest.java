package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile models (src/test/resources/codegen/hostile): Java keywords and Object's methods as
 * names, names of generated members and of the JDK's and the runtime's types, {@code *}{@code /},
 * {@code \}{@code u000a} and tags in doc comments, quotes and backslashes in strings. Their Java
 * must compile without a warning, and no text from the model may escape its comment or literal.
 */
class CodegenEscapingTest {
  static final Path HOSTILE = Path.of("src/test/resources/codegen/hostile");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"keywords.flow", "docs.flow", "clashes.flow"})
  void hostileModelsCompile(String file) throws IOException {
    SortedMap<String, String> sources = GeneratedCode.generateFrom(List.of(HOSTILE.resolve(file)));
    GeneratedCode.compile(sources);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"keywords.flow", "docs.flow", "clashes.flow"})
  void noUnicodeEscapeReachesJavac(String file) throws IOException {
    for (Map.Entry<String, String> source : GeneratedCode.generateFrom(List.of(HOSTILE.resolve(file))).entrySet()) {
      String text = source.getValue();
      for (int i = text.indexOf("\\u"); i >= 0; i = text.indexOf("\\u", i + 1)) {
        int backslashes = 0;
        for (int j = i; j >= 0 && text.charAt(j) == '\\'; j--) {
          backslashes++;
        }
        assertTrue(backslashes % 2 == 0, () -> source.getKey() + " has a unicode escape javac would decode");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"keywords.flow", "docs.flow", "clashes.flow"})
  void commentsEndOnlyWhereTheGeneratorEndsThem(String file) throws IOException {
    for (Map.Entry<String, String> source : GeneratedCode.generateFrom(List.of(HOSTILE.resolve(file))).entrySet()) {
      for (String line : source.getValue().split("\n")) {
        String trimmed = line.strip();
        if (trimmed.startsWith("*") && !trimmed.equals("*/")) {
          assertFalse(trimmed.contains("*/"), () -> source.getKey() + ": a doc comment ends early: " + line);
          assertFalse(trimmed.matches("\\* @(?!param ).*"), () -> source.getKey() + ": user text became a tag: " + line);
        }
      }
    }
  }
}
