package dev.flow.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** Positions, edits and the mapping between texts, which everything else stands on. */
class TextTest {
  @Test
  void positionsCountUtf16CodeUnitsAndEveryKindOfLineBreak() {
    String text = "a\uD83D\uDE00b\r\ncd\ref\ng";
    LineIndex lines = new LineIndex(text);
    assertEquals(new Position(0, 3), lines.position(text.indexOf('b')));
    assertEquals(text.indexOf('b'), lines.offset(new Position(0, 3)));
    assertEquals(new Position(1, 0), lines.position(text.indexOf('c')));
    assertEquals(new Position(2, 1), lines.position(text.indexOf('f')));
    assertEquals(new Position(3, 0), lines.position(text.indexOf('g')));
    assertEquals(text.indexOf('\r'), lines.offset(new Position(0, 99)), "past the end of a line is its end");
    assertEquals(text.length(), lines.offset(new Position(42, 0)));
    assertEquals(text.length(), lines.offset(new Position(3, 5)));
    assertEquals(new Position(3, 1), lines.position(text.length()));
  }

  @Test
  void incrementalChangesReplaceTheirRange() {
    String text = "line one\nline \uD83D\uDE00 two\nline three\n";
    TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
        new Range(new Position(1, 5), new Position(1, 7)), "2");
    assertEquals("line one\nline 2 two\nline three\n", FlowTextDocumentService.apply(text, change));
    TextDocumentContentChangeEvent insert = new TextDocumentContentChangeEvent(
        new Range(new Position(3, 0), new Position(3, 0)), "four");
    assertEquals(text + "four", FlowTextDocumentService.apply(text, insert));
    assertEquals("new", FlowTextDocumentService.apply(text, new TextDocumentContentChangeEvent("new")));
  }

  @Test
  void mappingsPlaceOffsetsAroundOneChangedRegion() {
    TextMapping m = TextMapping.between("abcdef", "abXYZdef");
    assertEquals(1, m.toOld(1));
    assertTrue(m.changedInNew(3));
    assertFalse(m.changedInNew(2));
    assertEquals(2, m.toOld(3), "inside the change: where it begins");
    assertEquals(3, m.toOld(5));
    assertEquals(6, m.toNew(4));
    assertTrue(m.changedInOld(2, 3));
    assertFalse(m.changedInOld(4, 6));
    assertTrue(TextMapping.between("same", "same").isIdentity());
    TextMapping repeated = TextMapping.between("aaaa", "aaaaaa");
    assertEquals(4, repeated.toOld(6));
    assertEquals(4, repeated.toNew(4), "the place of an insertion stays before it");
  }
}
