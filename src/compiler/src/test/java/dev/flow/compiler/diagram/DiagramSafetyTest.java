package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No text in a model can break or inject into a diagram: every line of every diagram (of the
 * examples, the valid-model corpus and the golden cases, with and without lanes) is in the strict
 * grammar of {@link MermaidSyntax}, and hostile text comes out of the labels exactly as it went in.
 */
class DiagramSafetyTest {
  /** Every model the project has: the examples together, and each model of the valid corpus and the golden cases. */
  static Stream<Path> models() throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(DiagramTesting.EXAMPLES);
    for (Path dir : List.of(Path.of("src/test/resources/valid"), DiagramGoldenTest.DIR)) {
      try (Stream<Path> entries = Files.list(dir)) {
        entries.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".flow")).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void everyLineIsInTheGrammar(Path model) {
    SemanticModel m = DiagramTesting.model(DiagramTesting.sources(model));
    for (boolean lanes : new boolean[] {false, true}) {
      for (boolean detail : new boolean[] {false, true}) {
        Diagrams.Options options = new Diagrams.Options(lanes, Diagrams.Format.MERMAID, detail);
        for (Map.Entry<String, String> d : Diagrams.files(m, options).entrySet()) {
          List<String> problems = MermaidSyntax.problems(d.getValue());
          assertTrue(problems.isEmpty(), () -> model + " " + d.getKey() + ": " + problems + "\n" + d.getValue());
        }
      }
    }
  }

  @Test
  void hostileTextSurvivesExactly() throws IOException {
    SemanticModel m = DiagramTesting.model(List.of(SourceFile.read(DiagramGoldenTest.DIR.resolve("hostile_text.flow"))));
    // Messages and expressions are on the nodes only with detail; everything else in both.
    Diagrams.Options detail = new Diagrams.Options(false, Diagrams.Format.MERMAID, true);
    String all = String.join("\n", Diagrams.files(m).values()) + "\n" + String.join("\n", Diagrams.files(m, detail).values());
    String labels = String.join(" | ", MermaidSyntax.labels(all));
    for (String hostile : List.of(
        "end\"] --> x[\"pwned\"] %% <script>alert(1)</script>",
        "subgraph end click x call alert() style x fill:#f00;",
        "classDef a fill:#f00; #quot; &lt; ﬂ°°35¶ß",
        "%%{init: {\"theme\": \"dark\"}}%%",
        "line one line two tab <b>bold</b> &amp; #35; %% comment --> arrow [x] {y} (z) | w ; v : u",
        "Text is \"<script>\"?",
        "text == \"<script>\"",
        "``` ```")) {
      assertTrue(labels.contains(hostile), () -> "missing: " + hostile + "\nin: " + labels);
    }
    // The hostile words never appear outside quotes: every line passes the grammar.
    for (String d : Diagrams.files(m).values()) {
      assertEquals(List.of(), MermaidSyntax.problems(d));
    }
    for (String d : Diagrams.files(m, detail).values()) {
      assertEquals(List.of(), MermaidSyntax.problems(d));
    }
  }

  @Test
  void encodedTextIsPlainAndDecodesBack() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        int kind = random.nextInt(4);
        int cp = kind == 0 ? 32 + random.nextInt(95) // printable ASCII, the dangerous part
            : kind == 1 ? "\"[]{}()|<>#%;:`$\\&-".charAt(random.nextInt(19))
            : kind == 2 ? 0xA0 + random.nextInt(0x2FF) // Latin-1 and beyond, ß ° ¶ included
            : 0x1F600 + random.nextInt(50); // emoji, outside the BMP
        s.appendCodePoint(cp);
      }
      String text = s.toString();
      String encoded = MermaidText.encode(text);
      assertTrue(encoded.matches("(?:[\\p{L}\\p{N} .,\\-_'/!?+*=@()]|#\\d+;)*"), encoded);
      assertEquals(text, MermaidSyntax.decode(encoded).replace("\u200B", ""), encoded);
    }
  }

  @Test
  void lineBreaksAndControlCharactersBecomeSpaces() {
    assertEquals("a b c d", MermaidText.encode("a\nb\tc\u0007d"));
  }

  @Test
  void mermaidsEntityMarkersAreKeptApart() {
    // Mermaid replaces these pairs once more after the entities became characters.
    assertEquals("#182;#8203;#223;", MermaidText.encode("¶ß").replace("ß", "#223;"));
    assertTrue(MermaidText.encode("ﬂ°").contains("#8203;"));
  }
}
