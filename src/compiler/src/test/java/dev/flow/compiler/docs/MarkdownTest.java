package dev.flow.compiler.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {
  @Test
  void plainTextShowsExactlyItself() {
    assertEquals("a \\*b\\* \\_c\\_ \\[d\\](e) \\<script\\> \\| f &amp;lt; \\`g\\`",
        Markdown.text("a *b* _c_ [d](e) <script> | f &lt; `g`"));
    assertEquals("\\# not a heading", Markdown.text("# not a heading"));
    assertEquals("\\- not a list", Markdown.text("- not a list"));
    assertEquals("1\\. not a numbered item", Markdown.text("1. not a numbered item"));
    assertEquals("one line two", Markdown.text("one\nline\ttwo"));
  }

  @Test
  void codeSpansCannotBeClosedByTheirContent() {
    assertEquals("`a.b`", Markdown.code("a.b"));
    assertEquals("``a ` b``", Markdown.code("a ` b"));
    assertEquals("`` `x` ``", Markdown.code("`x`"));
    assertEquals("`a \\| b`", Markdown.code("a | b"));
  }

  @Test
  void docCommentsRenderAsTheirText() {
    String doc = Markdown.doc("Some *emphasis* and a [link](https://example.com).\n<script>alert(1)</script>\n```mermaid\nx");
    assertEquals("Some \\*emphasis\\* and a `[link](https://example.com).`\n\\<script\\>alert(1)\\</script\\>\n"
        + "\\`\\`\\`mermaid\nx", doc);
    assertFalse(Markdown.docCell("a | b\nc").contains("\n"));
    assertEquals("a \\| b c", Markdown.docCell("a | b\nc"));
  }

  @Test
  void noLinkImageHeadingOrBlockComesFromModelText() {
    assertEquals("\\# Heading\n\n\\=== - item\n\\> quote", Markdown.doc("# Heading\n\n=== - item\n> quote"));
    assertEquals("`![x](https://evil.example/t.png)` \\[y\\](javascript:alert(1))",
        Markdown.text("![x](https://evil.example/t.png) [y](javascript:alert(1))"));
    assertEquals("see `www.evil.example` and `WWW.x.org,` mail `a@b.org`",
        Markdown.text("see www.evil.example and WWW.x.org, mail a@b.org"));
    assertEquals("`<https://x.org>` `ftp://y\\|z`", Markdown.text("<https://x.org> ftp://y|z"));
    // A backslash in the text cannot undo an escape.
    assertEquals("a\\\\\\*b\\*", Markdown.text("a\\*b*"));
    // Unicode line breaks end neither the escaping of a line start nor a line.
    assertEquals("\\# a b", Markdown.text("# a\u0085b"));
    assertEquals("    code".strip(), Markdown.doc("    code"));
    assertEquals("2\\) two\n\n10\\. ten", Markdown.doc("2) two\n\n\n10. ten"));
    // A no-break space (Unicode white space, but not Java's) before a list marker is no indent
    // (differential seed 1062).
    assertEquals("\\+\n\\- x", Markdown.doc("\u00a0+\n\u2007- x"));
  }

  @Test
  void tables() {
    assertEquals("| A | B |\n|---|---|\n| 1 | |\n", Markdown.table(List.of("A", "B"), List.of(List.of("1", ""))));
  }
}
