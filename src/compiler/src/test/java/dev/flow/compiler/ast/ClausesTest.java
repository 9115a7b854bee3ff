package dev.flow.compiler.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A workflow's clauses are a list like any other, that makes its list of each kind once. */
class ClausesTest {
  private static TypeRef text() {
    return new TypeRef(new Name("Text", SourceSpan.NONE), List.of(), false, SourceSpan.NONE);
  }

  private final Clause.Input a = new Clause.Input(new Name("a", SourceSpan.NONE), text(), Doc.NONE, SourceSpan.NONE);
  private final Clause.Output b = new Clause.Output(new Name("b", SourceSpan.NONE), text(), Doc.NONE, SourceSpan.NONE);
  private final Clause.Input c = new Clause.Input(new Name("c", SourceSpan.NONE), text(), Doc.NONE, SourceSpan.NONE);
  private final Clause.Version v = new Clause.Version(2, SourceSpan.NONE);

  private Decl.WorkflowDecl workflow(List<Clause> clauses) {
    return new Decl.WorkflowDecl(new Name("W", SourceSpan.NONE), clauses, new Block(List.of(), SourceSpan.NONE),
        Doc.NONE, SourceSpan.NONE);
  }

  @Test
  void theClausesAreEqualHashedAndPrintedAsAnImmutableList() {
    List<Clause> given = new ArrayList<>(List.of(a, b, c, v));
    Decl.WorkflowDecl w = workflow(given);
    given.clear(); // a copy was kept
    List<Clause> expected = List.of(a, b, c, v);
    assertEquals(expected, w.clauses());
    assertEquals(w.clauses(), expected);
    assertEquals(expected.hashCode(), w.clauses().hashCode());
    assertEquals(expected.toString(), w.clauses().toString());
    assertEquals(workflow(expected), w);
    assertEquals(workflow(expected).hashCode(), w.hashCode());
    assertEquals(workflow(expected).toString(), w.toString());
    assertThrows(UnsupportedOperationException.class, () -> w.clauses().add(v));
    assertThrows(NullPointerException.class, () -> workflow(Arrays.asList(a, null)));
  }

  @Test
  void eachKindIsMadeOnceInSourceOrder() {
    Decl.WorkflowDecl w = workflow(List.of(a, b, c, v));
    assertEquals(List.of(a, c), w.inputs());
    assertSame(w.inputs(), w.inputs());
    assertEquals(List.of(b), w.outputs());
    assertSame(w.outputs(), w.outputs());
    assertEquals(List.of(), w.triggers());
    assertEquals(List.of(a, b, c), w.clauses(Clause.class).subList(0, 3));
    assertEquals(2L, w.version());
    assertEquals(List.of(a, c), Clauses.select(List.of(a, b, c, v), Clause.Input.class));
  }
}
