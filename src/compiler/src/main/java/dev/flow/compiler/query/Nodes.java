package dev.flow.compiler.query;

import dev.flow.compiler.ast.Node;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A generic walk over the AST: the children of any node, and the nodes that hold a place. Every
 * AST node is a record, so its children are the components that are nodes, lists of nodes or
 * optional nodes; a node kind added to the AST is walked without a change here.
 */
public final class Nodes {
  private Nodes() {}

  private static final ClassValue<List<Method>> ACCESSORS = new ClassValue<>() {
    @Override
    protected List<Method> computeValue(Class<?> type) {
      List<Method> out = new ArrayList<>();
      RecordComponent[] components = type.getRecordComponents();
      if (components == null) {
        return List.of();
      }
      for (RecordComponent c : components) {
        Class<?> t = c.getType();
        if (Node.class.isAssignableFrom(t) || List.class.isAssignableFrom(t) || Optional.class.isAssignableFrom(t)) {
          out.add(c.getAccessor());
        }
      }
      return List.copyOf(out);
    }
  };

  /** The direct children of a node that have a place in the text, in the order of the text. */
  public static List<Node> children(Node node) {
    List<Node> out = new ArrayList<>();
    forEachChild(node, out::add);
    out.removeIf(n -> n.span().isNone());
    out.sort(Comparator.comparingInt((Node n) -> n.span().start()).thenComparingInt(n -> -n.span().end()));
    return out;
  }

  /**
   * Visits every node below {@code node} that has a place in the text, in no particular order: the
   * nodes that {@link #children} reaches, walked again from each, without sorting any list. For a
   * pass that only collects (the Java generator looks for reads of a step's {@code completedBy}).
   */
  public static void forEachDescendant(Node node, Consumer<Node> visit) {
    forEachChild(node, n -> {
      if (!n.span().isNone()) {
        visit.accept(n);
        forEachDescendant(n, visit);
      }
    });
  }

  /** Every direct child of a node (a record component, or an element of one that is a list or an optional), unsorted. */
  private static void forEachChild(Node node, Consumer<Node> visit) {
    for (Method accessor : ACCESSORS.get(node.getClass())) {
      Object value;
      try {
        value = accessor.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + accessor, e);
      }
      if (value instanceof Node n) {
        visit.accept(n);
      } else if (value instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Node n) {
            visit.accept(n);
          }
        }
      } else if (value instanceof Optional<?> opt && opt.isPresent() && opt.get() instanceof Node n) {
        visit.accept(n);
      }
    }
  }

  /**
   * The nodes whose text holds the character at {@code offset}, outermost first, starting with
   * {@code root} (empty when even {@code root} does not hold it).
   */
  public static List<Node> pathTo(Node root, int offset) {
    List<Node> path = new ArrayList<>();
    Node current = root;
    if (!holds(current, offset)) {
      return path;
    }
    while (current != null) {
      path.add(current);
      // Siblings may overlap (a workflow's body block also spans its header clauses): the one
      // that starts last is the innermost.
      Node next = null;
      for (Node child : children(current)) {
        if (holds(child, offset) && (next == null || child.span().start() >= next.span().start())) {
          next = child;
        }
      }
      current = next;
    }
    return path;
  }

  /** The innermost node of a kind whose text holds the character at {@code offset}. */
  public static <T extends Node> Optional<T> innermost(Node root, int offset, Class<T> kind) {
    List<Node> path = pathTo(root, offset);
    for (int i = path.size() - 1; i >= 0; i--) {
      if (kind.isInstance(path.get(i))) {
        return Optional.of(kind.cast(path.get(i)));
      }
    }
    return Optional.empty();
  }

  private static boolean holds(Node node, int offset) {
    return !node.span().isNone() && node.span().start() <= offset && offset < node.span().end();
  }
}
