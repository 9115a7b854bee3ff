package dev.flow.compiler.query;

import static dev.flow.compiler.query.QueryTesting.WORKFLOWS;
import static dev.flow.compiler.query.QueryTesting.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private final Compilation compilation = QueryTesting.compile();
  private final SemanticModel model = QueryTesting.model(compilation);
  private final CompilationUnit flows = QueryTesting.unit(compilation, "flows.flow");

  private Entity value(String context, String word, String name) {
    int offset = at(WORKFLOWS, context, word);
    Decl.WorkflowDecl w = Scopes.workflowAt(flows, offset).orElseThrow();
    return Scopes.valuesAt(w, offset).stream().filter(e -> e.name().text().equals(name)).findFirst().orElseThrow();
  }

  private List<String> members(Entity e) {
    return Values.membersOf(model, Values.typeOf(model, e), Optional.of(e)).stream()
        .map(m -> m.name() + ": " + m.type().display() + m.entity().map(x -> " (" + x.kind() + ")").orElse(""))
        .toList();
  }

  @Test
  void typesOfValues() {
    assertEquals("Ordered", Values.typeOf(model, value("let count", "let", "order")).display());
    assertEquals("Text", Values.typeOf(model, value("let count", "let", "folder")).display());
    assertEquals("{ missing: Int }", Values.typeOf(model, value("let count", "let", "check")).display());
    assertEquals("{ verdict: Text }", Values.typeOf(model, value("let count", "let", "r")).display());
    assertEquals("no value", Values.typeOf(model, value("let count", "let", "share")).display());
    assertEquals("Int", Values.typeOf(model, value("match order", "match", "count")).display());
    assertEquals("Doc", Values.typeOf(model, value("set count = count", "set", "d")).display());
    assertEquals("{ step: Text, message: Text }",
        Values.typeOf(model, value("notify order.email via", "notify", "error")).display());
  }

  @Test
  void membersComeWithTheirDeclarations() {
    assertEquals(List.of("client: Text (field)", "plan: Plan (field)", "docs: List<Doc> (field)", "email: Text (field)"),
        members(value("let count", "let", "order")));
    assertEquals(List.of("missing: Int (form field)"), members(value("let count", "let", "check")));
    assertEquals(List.of("verdict: Text (output)"), members(value("let count", "let", "r")));
    assertEquals(List.of("step: Text", "message: Text"), members(value("notify order.email via", "notify", "error")));
    assertEquals(List.of(), members(value("let count", "let", "folder")));
  }

  @Test
  void anEnumsNameHasItsConstants() {
    Decl plan = model.declarations().stream().filter(d -> d.name().text().equals("Plan")).findFirst().orElseThrow();
    List<String> constants = Values.membersOf(model, new Type.DeclarationName(plan), Optional.empty()).stream()
        .map(Values.Member::name).toList();
    assertEquals(List.of("Basic", "Pro"), constants);
  }

  @Test
  void pathsAreFollowedThroughFields() {
    Entity order = value("let count", "let", "order");
    assertEquals("List<Doc>", Values.follow(model, order, List.of("docs")).orElseThrow().type().display());
    assertEquals("Plan", Values.follow(model, order, List.of("plan")).orElseThrow().type().display());
    assertTrue(Values.follow(model, order, List.of("nothing")).isEmpty());
    assertTrue(Values.follow(model, order, List.of("client", "size")).isEmpty());
  }
}
