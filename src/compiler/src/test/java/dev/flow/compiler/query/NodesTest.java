package dev.flow.compiler.query;

import static dev.flow.compiler.query.QueryTesting.WORKFLOWS;
import static dev.flow.compiler.query.QueryTesting.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Node;
import dev.flow.compiler.ast.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodesTest {
  private final Compilation compilation = QueryTesting.compile();
  private final CompilationUnit flows = QueryTesting.unit(compilation, "flows.flow");

  @Test
  void thePathToAPlaceGoesFromTheFileToTheInnermostNode() {
    int offset = at(WORKFLOWS, "count + 1", "+");
    List<String> kinds = Nodes.pathTo(flows, offset).stream().map(n -> n.getClass().getSimpleName()).toList();
    assertEquals(List.of("CompilationUnit", "WorkflowDecl", "Block", "ForEach", "Block", "Set", "Binary"), kinds);
  }

  @Test
  void innermostFindsTheNearestNodeOfAKind() {
    int offset = at(WORKFLOWS, "order.client)", "client");
    Expr e = Nodes.innermost(flows, offset, Expr.class).orElseThrow();
    assertEquals("order.client", e.span().text());
    assertEquals("step folder by Drive.createFolder(client: order.client)",
        Nodes.innermost(flows, offset, Stmt.class).orElseThrow().span().text());
    assertTrue(Nodes.innermost(flows, 0, Expr.class).isEmpty());
  }

  @Test
  void childrenComeInTheOrderOfTheText() {
    Decl.WorkflowDecl intake = (Decl.WorkflowDecl) flows.declarations().get(1);
    List<Node> children = Nodes.children(intake);
    for (int i = 1; i < children.size(); i++) {
      assertTrue(children.get(i - 1).span().start() <= children.get(i).span().start());
    }
    assertTrue(children.stream().anyMatch(c -> c instanceof dev.flow.compiler.ast.Block));
  }

  @Test
  void aHeaderClauseIsFoundInsideTheBodysBraces() {
    int offset = at(WORKFLOWS, "input order", "order");
    List<Node> path = Nodes.pathTo(flows, offset);
    assertEquals("order", path.get(path.size() - 1).span().text());
    assertTrue(path.stream().anyMatch(n -> n instanceof dev.flow.compiler.ast.Clause.Input));
  }

  @Test
  void forEachDescendantVisitsWhatTheChildrenReachOnceEach() {
    List<Node> walked = new ArrayList<>();
    descendants(flows, walked);
    List<Node> visited = new ArrayList<>();
    Nodes.forEachDescendant(flows, visited::add);
    assertTrue(walked.size() > 100, "a real tree: " + walked.size());
    assertEquals(walked.size(), visited.size());
    Set<Node> once = Collections.newSetFromMap(new IdentityHashMap<>());
    once.addAll(visited);
    assertEquals(visited.size(), once.size());
    assertTrue(walked.stream().allMatch(once::contains));
  }

  private static void descendants(Node node, List<Node> out) {
    for (Node child : Nodes.children(node)) {
      out.add(child);
      descendants(child, out);
    }
  }
}
