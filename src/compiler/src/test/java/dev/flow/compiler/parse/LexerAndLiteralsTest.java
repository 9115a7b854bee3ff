package dev.flow.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.parse.antlr.FlowLexer;
import dev.flow.compiler.source.SourceFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.junit.jupiter.api.Test;

/** The lexer's white space and braces (handled in {@code emit()}), names made once, and literal values. */
class LexerAndLiteralsTest {

  private static List<String> tokens(String text) {
    FlowLexer lexer = new FlowLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    List<String> out = new ArrayList<>();
    for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
      String name = t.getType() == Token.EOF ? "EOF" : FlowLexer.VOCABULARY.getSymbolicName(t.getType());
      out.add(name + "@" + t.getStartIndex() + ":" + t.getStopIndex() + "/" + t.getLine() + ":" + t.getCharPositionInLine());
      if (t.getType() == Token.EOF) {
        return out;
      }
    }
  }

  @Test
  void whiteSpaceMakesNoTokenAndKeepsPositions() {
    assertEquals(List.of("ROLE@2:5/1:2", "ID@9:13/2:2", "EOF@16:15/3:0"), tokens("  role\n\t Clerk \n"));
  }

  @Test
  void bracesInsideAnInterpolationAreCountedUntilItCloses() {
    assertEquals(List.of("STRING_OPEN@0:0/1:0", "INTERP_OPEN@1:1/1:1", "LBRACE@2:2/1:2", "ID@3:3/1:3", "RBRACE@4:4/1:4",
        "RBRACE@5:5/1:5", "STRING_TEXT@6:6/1:6", "STRING_CLOSE@7:7/1:7", "EOF@8:7/1:8"), tokens("\"{{a}}x\""));
  }

  @Test
  void aLineBreakInsideAnInterpolationEndsTheString() {
    // The white space holding the line break is the unterminated string; lexing goes on outside it.
    assertEquals(List.of("STRING_OPEN@0:0/1:0", "STRING_TEXT@1:2/1:1", "INTERP_OPEN@3:3/1:3", "ID@4:4/1:4",
        "UNTERMINATED_STRING@5:7/1:5", "ID@8:8/2:2", "STRING_OPEN@9:9/2:3", "UNTERMINATED_STRING@10:9/2:4", "EOF@10:9/2:4"),
        tokens("\"a {x\n  y\""));
    // White space without a line break inside an interpolation is dropped as anywhere else.
    assertEquals(List.of("STRING_OPEN@0:0/1:0", "INTERP_OPEN@1:1/1:1", "ID@3:3/1:3", "RBRACE@5:5/1:5",
        "STRING_CLOSE@6:6/1:6", "EOF@7:6/1:7"), tokens("\"{ x }\""));
  }

  @Test
  void theCharStreamIsTheOneFromStringWouldMake() {
    for (String text : List.of("", "role Clerk", "notify Clerk \"caf\u00e9 \u00ff\"", "let \u03bb = 1", "x \ud83d\ude00 y")) {
      CharStream made = FlowParsing.charStream(new SourceFile("t.flow", text));
      CharStream expected = CharStreams.fromString(text, "t.flow");
      assertSame(expected.getClass(), made.getClass(), text);
      assertEquals(expected.size(), made.size(), text);
      assertEquals(expected.getSourceName(), made.getSourceName());
      for (int i = 1; i <= expected.size() + 1; i++) {
        assertEquals(expected.LA(i), made.LA(i), text);
      }
      assertEquals(expected.getText(Interval.of(0, expected.size() - 1)), made.getText(Interval.of(0, made.size() - 1)));
    }
  }

  @Test
  void aNameReadAgainIsTheSameString() {
    String text = "Clerk Order Clerk " + "n".repeat(3);
    NameTable names = new NameTable(text);
    String clerk = names.get(0, 5);
    assertEquals("Clerk", clerk);
    assertEquals("Order", names.get(6, 11));
    assertSame(clerk, names.get(12, 17));
    assertEquals("nnn", names.get(18, 21));
    assertEquals("nn", names.get(18, 20));
    assertNotSame(names.get(18, 20), names.get(18, 21));
    StringBuilder many = new StringBuilder();
    List<int[]> at = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      int start = many.length();
      many.append("name").append(i).append(' ');
      at.add(new int[] {start, many.length() - 1});
    }
    NameTable table = new NameTable(many.toString());
    List<String> first = new ArrayList<>();
    for (int[] a : at) {
      first.add(table.get(a[0], a[1]));
    }
    for (int i = 0; i < at.size(); i++) {
      assertEquals("name" + i, first.get(i));
      assertSame(first.get(i), table.get(at.get(i)[0], at.get(i)[1])); // after the table grew
    }
  }

  @Test
  void integers() {
    assertEquals(Optional.of(7L), Literals.integer("007"));
    assertEquals(Optional.of(10_000L), Literals.integer("10_000"));
    assertEquals(Optional.of(999_999_999_999_999_999L), Literals.integer("999999999999999999"));
    assertEquals(Optional.of(Long.MAX_VALUE), Literals.integer("9223372036854775807"));
    assertEquals(Optional.empty(), Literals.integer("9223372036854775808"));
    assertEquals(Optional.empty(), Literals.integer(""));
    assertEquals(Optional.empty(), Literals.integer("_1"));
    assertEquals(Optional.empty(), Literals.integer("1__0"));
    assertEquals(Optional.empty(), Literals.integer("1_"));
    assertEquals(Optional.empty(), Literals.integer("\u0661\u0662")); // digits, but not ASCII ones
  }

  @Test
  void integersWithoutBoxes() {
    // The unboxed forms the parser uses give the same answers as the optional one.
    for (String text : List.of("0", "007", "10_000", "999999999999999999", "9223372036854775807",
        "9223372036854775808", "", "_1", "1__0", "1_", "\u0661\u0662", "12a", "1_000_000_000_000_000_000")) {
      Optional<Long> value = Literals.integer(text);
      assertEquals(value.orElse(-5L), Literals.integer(text, -5L), text);
      assertEquals(value.isPresent(), Literals.isInteger(text), text);
    }
  }

  @Test
  void durations() {
    assertEquals(Optional.of(Duration.ofSeconds(30)), Literals.duration("30s"));
    assertEquals(Optional.of(Duration.ofHours(36)), Literals.duration("1d12h"));
    assertEquals(Optional.of(Duration.ofMinutes(90)), Literals.duration("1h30m"));
    assertEquals(Optional.of(Duration.ZERO), Literals.duration("0s"));
    assertEquals(Optional.of(Duration.ofSeconds(1_209_600 + 86_400 + 3_600 + 60 + 1)), Literals.duration("2w1d1h1m1s"));
    assertEquals(Optional.of(Duration.ofSeconds(12_345_678_901L * 60)), Literals.duration("12345678901m"));
    for (String bad : List.of("", "30", "s", "1s1s", "1m1h", "1H", "1x", "1_0s", "1.5h", "99999999999999999w",
        "1w1w1w1w1w1w1w1w1w1w", "999999999999999999999s")) {
      assertEquals(Optional.empty(), Literals.duration(bad), bad);
    }
    assertTrue(Literals.duration("1000000000000000000s").isPresent()); // longer than 18: the regular expression
  }
}
