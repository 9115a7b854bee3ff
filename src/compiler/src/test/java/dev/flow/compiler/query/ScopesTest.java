package dev.flow.compiler.query;

import static dev.flow.compiler.query.QueryTesting.WORKFLOWS;
import static dev.flow.compiler.query.QueryTesting.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesTest {
  private final Compilation compilation = QueryTesting.compile();
  private final CompilationUnit flows = QueryTesting.unit(compilation, "flows.flow");

  private List<String> visible(String context, String word) {
    int offset = at(WORKFLOWS, context, word);
    Decl.WorkflowDecl w = Scopes.workflowAt(flows, offset).orElseThrow();
    return Scopes.valuesAt(w, offset).stream().map(e -> e.kind() + " " + e.name().text()).toList();
  }

  @Test
  void variablesAreVisibleAfterTheirDeclarationInTheirBlock() {
    assertEquals(List.of("input order", "step folder", "step check", "step r", "step share"),
        visible("let count", "let"));
    assertEquals(List.of("variable count", "input order", "step folder", "step check", "step r", "step share"),
        visible("for each d", "for"));
  }

  @Test
  void theLoopVariableIsVisibleOnlyInItsBody() {
    List<String> inside = visible("set count = count + 1", "set");
    assertEquals("variable d", inside.get(0));
    assertTrue(inside.contains("variable count"));
    assertTrue(!visible("match order.plan", "match").contains("variable d"));
  }

  @Test
  void theCaughtErrorIsVisibleOnlyInTheHandler() {
    assertEquals("variable error", visible("notify order.email via", "notify").get(0));
    assertTrue(!visible("step share", "step").contains("variable error"));
  }

  @Test
  void outputsAndStepsOfAWorkflow() {
    Decl.WorkflowDecl review = (Decl.WorkflowDecl) flows.declarations().get(0);
    assertEquals(List.of("verdict"), Scopes.outputs(review).stream().map(e -> e.name().text()).toList());
    Decl.WorkflowDecl intake = (Decl.WorkflowDecl) flows.declarations().get(1);
    assertEquals(List.of("folder", "check", "r", "share"),
        Scopes.steps(intake.body()).stream().map(s -> s.name().text()).toList());
    assertEquals("check", Scopes.step(intake, "check").orElseThrow().name().text());
    assertTrue(Scopes.step(intake, "nothing").isEmpty());
  }

  @Test
  void declarationsHoldTheirText() {
    int offset = at(WORKFLOWS, "input doc", "doc");
    assertEquals("Review", Scopes.declarationAt(flows, offset).orElseThrow().name().text());
    assertTrue(Scopes.workflowAt(flows, 0).isEmpty());
  }
}
