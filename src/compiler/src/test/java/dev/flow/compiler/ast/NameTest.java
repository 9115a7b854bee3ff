package dev.flow.compiler.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@link Name} and {@link QualifiedName} were records: equality, hash codes and text stay the records'
 * (hash codes decide the order of hash tables some outputs are built from); a name's number is no part of it.
 */
class NameTest {
  private final SourceFile file = new SourceFile("a.flow", "package com.acme.x\n");

  /** What a record of these components gives. */
  private record NameRecord(String text, SourceSpan span) {}

  private record QualifiedNameRecord(List<Name> parts, SourceSpan span) {}

  @Test
  void aNameIsEqualAndHashedAsTheRecordWas() {
    SourceSpan span = new SourceSpan(file, 8, 11);
    Name plain = new Name("com", span);
    Name numbered = new Name("com", file, 8, 11, 42);
    assertEquals(plain, numbered);
    assertEquals(new NameRecord("com", span).hashCode(), plain.hashCode());
    assertEquals(plain.hashCode(), numbered.hashCode());
    assertEquals(span, numbered.span());
    assertSame(file, numbered.file());
    assertEquals(42, numbered.id());
    assertEquals(-1, plain.id());
    assertEquals("com", numbered.toString());
    assertNotEquals(plain, new Name("com", new SourceSpan(file, 9, 11)));
    assertNotEquals(plain, new Name("con", span));
    assertSame(SourceSpan.NONE, new Name("x", SourceSpan.NONE).span());
    assertEquals(new NameRecord("x", SourceSpan.NONE).hashCode(), new Name("x", SourceSpan.NONE).hashCode());
    assertThrows(NullPointerException.class, () -> new Name(null, span));
    assertThrows(NullPointerException.class, () -> new Name("x", null));
  }

  @Test
  void aSpanIsHashedAsTheRecordWas() {
    SourceSpan span = new SourceSpan(file, 3, 9);
    assertEquals((31 * Objects.hashCode(file) + 3) * 31 + 9, span.hashCode());
    assertEquals(SourceSpan.hashCode(file, 3, 9), span.hashCode());
    assertEquals(0, SourceSpan.NONE.hashCode());
  }

  @Test
  void aQualifiedNameKeepsItsTextAndTheRecordsEquality() {
    List<Name> parts = List.of(new Name("com", file, 8, 11, 0), new Name("acme", file, 12, 16, 1),
        new Name("x", file, 17, 18, 2));
    SourceSpan span = new SourceSpan(file, 8, 18);
    QualifiedName q = new QualifiedName(parts, span);
    assertEquals("com.acme.x", q.text());
    assertSame(q.text(), q.text());
    assertEquals("com.acme.x", q.toString());
    assertEquals("com.acme", q.qualifier());
    assertEquals("x", q.last().text());
    assertEquals(new QualifiedNameRecord(parts, span).hashCode(), q.hashCode());
    assertEquals(q, new QualifiedName(parts, span));
    assertEquals("acme", new QualifiedName(List.of(parts.get(1)), span).text());
    assertThrows(IllegalArgumentException.class, () -> new QualifiedName(List.of(), span));
  }
}
