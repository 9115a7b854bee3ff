package dev.flow.lsp;

import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.query.Entity;
import dev.flow.compiler.query.Scopes;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Document symbols (the outline: declarations with their members; a workflow's inputs, outputs
 * and steps, with the steps of each {@code parallel} or {@code first} branch under the branch)
 * and workspace symbols (every declared thing whose name matches the query).
 */
final class Outline {
  private Outline() {}

  /** How a span of the AST that the outline is built from becomes a range of the editor's text. */
  private interface Ranges {
    Optional<Range> of(SourceSpan span);
  }

  /**
   * The outline of a document: from its own AST when it parses now, else from the last analysis
   * that parsed it, placed on the text the editor has.
   */
  static List<DocumentSymbol> document(Place place) {
    Optional<CompilationUnit> now = place.current().unit(place.doc().key());
    if (now.isPresent()) {
      Snapshot.Doc doc = place.doc();
      return of(now.get(), span -> Optional.of(doc.lines().range(span.start(), span.end())));
    }
    Optional<CompilationUnit> before = place.goodUnit();
    return before.map(u -> of(u, place::range)).orElse(List.of());
  }

  private static List<DocumentSymbol> of(CompilationUnit unit, Ranges ranges) {
    List<DocumentSymbol> out = new ArrayList<>();
    for (Decl d : unit.declarations()) {
      symbol(d.name().text(), Kinds.symbol(d), d.kind(), d.span(), d.name().span(), children(d, ranges), ranges)
          .ifPresent(out::add);
    }
    return out;
  }

  private static List<DocumentSymbol> children(Decl d, Ranges ranges) {
    List<DocumentSymbol> out = new ArrayList<>();
    if (d instanceof Decl.SystemDecl s) {
      for (Decl.ActionDecl a : s.actions()) {
        symbol(a.name().text(), SymbolKind.Method, "action", a.span(), a.name().span(), List.of(), ranges).ifPresent(out::add);
      }
    } else if (d instanceof Decl.RecordDecl r) {
      fields(r.fields(), ranges, out);
    } else if (d instanceof Decl.EventDecl e) {
      fields(e.fields(), ranges, out);
    } else if (d instanceof Decl.ErrorDecl e) {
      fields(e.fields(), ranges, out);
    } else if (d instanceof Decl.EnumDecl e) {
      for (Decl.EnumConstant c : e.constants()) {
        symbol(c.name().text(), SymbolKind.EnumMember, null, c.span(), c.name().span(), List.of(), ranges)
            .ifPresent(out::add);
      }
    } else if (d instanceof Decl.ProcessDecl p) {
      for (Clause.Measure m : p.clauses(Clause.Measure.class)) {
        symbol(m.name().text(), SymbolKind.Property, "measure", m.span(), m.name().span(), List.of(), ranges)
            .ifPresent(out::add);
      }
    } else if (d instanceof Decl.WorkflowDecl w) {
      for (Clause.Input in : w.inputs()) {
        symbol(in.name().text(), SymbolKind.Property, "input: " + in.type(), in.span(), in.name().span(), List.of(), ranges)
            .ifPresent(out::add);
      }
      for (Clause.Output o : w.outputs()) {
        symbol(o.name().text(), SymbolKind.Property, "output: " + o.type(), o.span(), o.name().span(), List.of(), ranges)
            .ifPresent(out::add);
      }
      steps(w.body(), ranges, out);
    }
    return out;
  }

  private static void fields(List<Field> fields, Ranges ranges, List<DocumentSymbol> out) {
    for (Field f : fields) {
      symbol(f.name().text(), SymbolKind.Field, f.type().toString(), f.span(), f.name().span(), List.of(), ranges)
          .ifPresent(out::add);
    }
  }

  /** The named steps of a block in order; a branch holds its own; other blocks' steps join the list. */
  private static void steps(Block block, Ranges ranges, List<DocumentSymbol> out) {
    for (Stmt s : block.statements()) {
      if (s instanceof Stmt.Named n) {
        symbol(n.name().text(), Kinds.step(n), stepDetail(n), n.span(), n.name().span(), form(n, ranges), ranges)
            .ifPresent(out::add);
      }
      List<Stmt.Branch> branches = s instanceof Stmt.Parallel p ? p.branches()
          : s instanceof Stmt.First f ? f.branches() : List.of();
      if (!branches.isEmpty()) {
        String word = s instanceof Stmt.Parallel ? "parallel branch"
            : ((Stmt.First) s).byStart() ? "first to start branch" : "first branch";
        for (Stmt.Branch b : branches) {
          List<DocumentSymbol> inner = new ArrayList<>();
          steps(b.body(), ranges, inner);
          symbol(b.name().text(), SymbolKind.Namespace, word, b.span(), b.name().span(), inner, ranges).ifPresent(out::add);
        }
      } else {
        for (Block inner : Scopes.blocks(s)) {
          steps(inner, ranges, out);
        }
      }
    }
  }

  private static List<DocumentSymbol> form(Stmt.Named step, Ranges ranges) {
    List<DocumentSymbol> out = new ArrayList<>();
    if (step instanceof Stmt.HumanStep h) {
      fields(h.form(), ranges, out);
    }
    return out;
  }

  private static String stepDetail(Stmt.Named n) {
    if (n instanceof Stmt.HumanStep h) {
      return "step by " + h.people().roles(h.role()).stream().map(Name::text).collect(Collectors.joining(" or "));
    }
    if (n instanceof Stmt.Approval a) {
      return "approval by " + a.people().roles(a.role()).stream().map(Name::text).collect(Collectors.joining(" or "));
    }
    if (n instanceof Stmt.SystemStep s) {
      return "step by " + s.call().system().text() + "." + s.call().action().text();
    }
    if (n instanceof Stmt.Receive r) {
      return "receive " + r.event().text();
    }
    return "call " + ((Stmt.Call) n).workflow().text();
  }

  private static Optional<DocumentSymbol> symbol(String name, SymbolKind kind, String detail, SourceSpan span,
      SourceSpan selection, List<DocumentSymbol> children, Ranges ranges) {
    Optional<Range> range = ranges.of(span);
    Optional<Range> selected = ranges.of(selection);
    if (range.isEmpty() || selected.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    DocumentSymbol s = new DocumentSymbol(name, kind, range.get(), selected.get(), detail);
    s.setChildren(children);
    return Optional.of(s);
  }

  // ---- workspace symbols ------------------------------------------------------------------------

  /** Every declared thing of the last good analysis whose name matches the query, at most {@code limit}. */
  static List<WorkspaceSymbol> workspace(Snapshot current, Snapshot good, String query, int limit) {
    List<WorkspaceSymbol> out = new ArrayList<>();
    if (good == null) {
      return out;
    }
    String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
    Map<String, TextMapping> mappings = new HashMap<>();
    for (Entity e : good.index().entities()) {
      if (e instanceof Entity.Variable || e instanceof Entity.Parameter || e instanceof Entity.FormField) {
        continue;
      }
      String name = e.name().text();
      if (!matches(name.toLowerCase(Locale.ROOT), q)) {
        continue;
      }
      Optional<Snapshot.Doc> from = good.docOf(e.name().span().file());
      if (from.isEmpty()) {
        continue;
      }
      Snapshot.Doc doc = current.doc(from.get().key()).orElse(from.get());
      TextMapping m = mappings.computeIfAbsent(doc.key(), k -> TextMapping.between(from.get().text(), doc.text()));
      Range r = doc.lines().range(m.toNew(e.name().span().start()), m.toNew(e.name().span().end()));
      WorkspaceSymbol s = new WorkspaceSymbol(name, Kinds.symbol(e), Either.forLeft(new Location(doc.uri(), r)));
      container(e).ifPresent(s::setContainerName);
      out.add(s);
      if (out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  /** Whether the query's characters come in the name in order (as editors filter symbols). */
  static boolean matches(String name, String query) {
    int i = 0;
    for (int j = 0; j < name.length() && i < query.length(); j++) {
      if (name.charAt(j) == query.charAt(i)) {
        i++;
      }
    }
    return i == query.length();
  }

  private static Optional<String> container(Entity e) {
    if (e instanceof Entity.Action a) {
      return Optional.of(a.system().name().text());
    }
    if (e instanceof Entity.RecordField f) {
      return Optional.of(f.owner().name().text());
    }
    if (e instanceof Entity.Constant c) {
      return Optional.of(c.owner().name().text());
    }
    if (e instanceof Entity.Step s) {
      return Optional.of(s.workflow().name().text());
    }
    if (e instanceof Entity.Branch b) {
      return Optional.of(b.workflow().name().text());
    }
    if (e instanceof Entity.Input in) {
      return Optional.of(in.workflow().name().text());
    }
    if (e instanceof Entity.Output o) {
      return Optional.of(o.workflow().name().text());
    }
    if (e instanceof Entity.Measure m) {
      return Optional.of(m.process().name().text());
    }
    return Optional.empty();
  }
}
