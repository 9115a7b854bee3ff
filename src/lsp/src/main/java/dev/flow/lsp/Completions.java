package dev.flow.lsp;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.parse.Expectations;
import dev.flow.compiler.parse.Expectations.Expected;
import dev.flow.compiler.parse.Expectations.Slot;
import dev.flow.compiler.query.Entity;
import dev.flow.compiler.query.Scopes;
import dev.flow.compiler.query.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion. What may come at the caret is read from the text the editor has now, token by
 * token ({@link Expectations}), so it works while the line is still broken; the names that fit
 * come from the last analysis that produced a model, looked up at the same place of that text.
 */
final class Completions {
  private static final List<String> BUILT_IN_TYPES =
      List.of("Text", "Int", "Decimal", "Bool", "Date", "Timestamp", "Duration", "List");
  private static final Map<String, String> FUNCTIONS = functions();
  private static final Set<String> HEADER_KEYWORDS = Set.of(
      "owner", "starts manually", "starts on", "starts after", "starts every", "input", "output", "deadline", "version",
      "fails");

  private final Range replace;
  private final SemanticModel model;
  private final Snapshot good;
  private final CompilationUnit unit;
  private final int near;
  private final Decl.WorkflowDecl workflow;
  private final Map<String, CompletionItem> items = new LinkedHashMap<>();

  private Completions(Place place, Range replace) {
    this.replace = replace;
    this.good = place.anyGood().orElse(null);
    this.model = good == null ? null : good.model().orElseThrow();
    this.unit = place.goodUnit().orElse(null);
    this.near = place.goodOffsetNear().orElse(-1);
    this.workflow = unit == null ? null : Scopes.workflowAt(unit, near).orElse(null);
  }

  private static Map<String, String> functions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("now", "now(): Timestamp");
    m.put("today", "today(): Date");
    m.put("size", "size(list or text): Int");
    m.put("lower", "lower(text): Text");
    m.put("upper", "upper(text): Text");
    m.put("trim", "trim(text): Text");
    return m;
  }

  static CompletionList at(Place place) {
    Expected expected = Expectations.at(place.doc().file(), place.offset());
    if (expected.isEmpty()) {
      return new CompletionList(false, List.of());
    }
    Completions c = new Completions(place, place.currentRange(expected.start(), place.offset()));
    if (c.model != null) {
      for (Slot slot : expected.slots()) {
        c.slot(slot);
      }
    }
    for (String keyword : expected.keywords()) {
      if (!(HEADER_KEYWORDS.contains(keyword) && c.pastHeader())) {
        c.keyword(keyword);
      }
    }
    return new CompletionList(false, new ArrayList<>(c.items.values()));
  }

  /** Whether the caret is after the first statement of its workflow, where header clauses may no longer come. */
  private boolean pastHeader() {
    return workflow != null && workflow.body().statements().stream().anyMatch(s -> s.span().end() <= near);
  }

  private void slot(Slot slot) {
    switch (slot.kind()) {
      case ROLE -> declarations(d -> d instanceof Decl.RoleDecl);
      case SYSTEM -> declarations(d -> d instanceof Decl.SystemDecl);
      case ROLE_OR_SYSTEM -> declarations(d -> d instanceof Decl.RoleDecl || d instanceof Decl.SystemDecl);
      case EVENT -> declarations(d -> d instanceof Decl.EventDecl);
      case ERROR -> declarations(d -> d instanceof Decl.ErrorDecl);
      case WORKFLOW -> declarations(d -> d instanceof Decl.WorkflowDecl);
      case TYPE -> {
        BUILT_IN_TYPES.forEach(t -> add(t, CompletionItemKind.TypeParameter, "built-in type", null, t, "1"));
        declarations(d -> d instanceof Decl.RecordDecl || d instanceof Decl.EventDecl || d instanceof Decl.EnumDecl);
      }
      case ACTION -> declaration(slot.qualifier().get(0)).ifPresent(d -> {
        if (d instanceof Decl.SystemDecl s) {
          s.actions().forEach(a -> entity(new Entity.Action(s, a)));
        }
      });
      case ARGUMENT -> arguments(slot);
      case FIELD -> path(slot.qualifier()).ifPresent(this::members);
      case VALUE -> values(false);
      case NOTIFY_TARGET -> values(true);
      case SET_TARGET -> setTargets();
      case STEP -> {
        if (workflow != null) {
          Scopes.steps(workflow.body()).forEach(s -> entity(new Entity.Step(workflow, s)));
        }
      }
      case MILESTONE_POINT -> declaration(slot.qualifier().get(0)).ifPresent(d -> {
        if (d instanceof Decl.WorkflowDecl w) {
          add("start", CompletionItemKind.Event, "when " + w.name().text() + " starts", null, "start", "0");
          add("end", CompletionItemKind.Event, "when " + w.name().text() + " ends", null, "end", "0");
          Scopes.steps(w.body()).forEach(s -> entity(new Entity.Step(w, s)));
        }
      });
      case ENUM_CONSTANT -> path(slot.qualifier()).ifPresent(m -> {
        if (Type.required(m.type()) instanceof Type.Declared d && d.decl() instanceof Decl.EnumDecl en) {
          members(new Values.Member(en.name().text(), new Type.DeclarationName(en), Optional.empty()));
        }
      });
      case IMPORT -> imports(slot.qualifier());
      default -> { }
    }
  }

  // ---- declarations -------------------------------------------------------------------------------

  /** The declarations of a kind this file sees (every one of the model when the file is new). */
  private void declarations(Predicate<Decl> kind) {
    List<Decl> decls;
    if (unit != null) {
      decls = good.visibility().visibleFrom(unit, kind);
    } else {
      Map<String, Decl> byName = new LinkedHashMap<>();
      model.declarations().stream().filter(kind).forEach(d -> byName.putIfAbsent(d.name().text(), d));
      decls = new ArrayList<>(byName.values());
    }
    decls.forEach(d -> entity(new Entity.Declaration(d)));
  }

  private Optional<Decl> declaration(String name) {
    if (unit != null) {
      return good.visibility().lookup(unit, name);
    }
    return model.declarations().stream().filter(d -> d.name().text().equals(name)).findFirst();
  }

  // ---- arguments ----------------------------------------------------------------------------------

  private void arguments(Slot slot) {
    List<String> callee = slot.qualifier();
    if (callee.size() == 2) {
      declaration(callee.get(0)).ifPresent(d -> {
        if (d instanceof Decl.SystemDecl s) {
          s.action(callee.get(1)).ifPresent(a -> {
            for (Field p : a.parameters()) {
              if (!slot.given().contains(p.name().text())) {
                argument(new Entity.Parameter(s, a, p));
              }
            }
          });
        }
      });
    } else if (callee.size() == 1) {
      declaration(callee.get(0)).ifPresent(d -> {
        if (d instanceof Decl.WorkflowDecl w) {
          w.inputs().stream()
              .filter(in -> !slot.given().contains(in.name().text()))
              .forEach(in -> argument(new Entity.Input(w, in)));
        }
        // `Document(`: a record, event or error built from its fields
        List<Field> fields = d instanceof Decl.RecordDecl || d instanceof Decl.EventDecl || d instanceof Decl.ErrorDecl
            ? Decl.fieldsOf(d) : List.of();
        fields.stream()
            .filter(f -> !slot.given().contains(f.name().text()))
            .forEach(f -> argument(new Entity.RecordField(d, f)));
      });
    }
  }

  private void argument(Entity e) {
    Type t = Values.typeOf(model, e);
    String name = e.name().text();
    add(name, CompletionItemKind.Property, name + ": " + t.display() + (t.isOptional() ? " (may be left out)" : ""),
        doc(e), name + ": ", "0");
  }

  // ---- values and members -------------------------------------------------------------------------

  private void values(boolean roles) {
    if (workflow != null) {
      Scopes.valuesAt(workflow, near).forEach(this::entity);
    }
    declarations(d -> d instanceof Decl.EnumDecl || (roles && d instanceof Decl.RoleDecl));
    if (!roles) {
      // a record or event is built in an expression: `Document(name: …)`
      declarations(d -> d instanceof Decl.RecordDecl || d instanceof Decl.EventDecl);
      // the errors the workflow declares, for `fail CardDeclined(…)`
      Set<String> fails = workflow == null ? Set.of()
          : workflow.fails().stream().map(n -> n.text()).collect(java.util.stream.Collectors.toSet());
      declarations(d -> d instanceof Decl.ErrorDecl && fails.contains(d.name().text()));
    }
    FUNCTIONS.forEach((name, signature) ->
        add(name, CompletionItemKind.Function, signature, null, name.equals("now") || name.equals("today")
            ? name + "()" : name + "(", "2"));
  }

  private void setTargets() {
    if (workflow == null) {
      return;
    }
    Scopes.valuesAt(workflow, near).stream()
        .filter(e -> e instanceof Entity.Variable v && v.declaredBy() instanceof Stmt.Let)
        .forEach(this::entity);
    Scopes.outputs(workflow).forEach(this::entity);
  }

  /** What the path {@code a.b.c} reads: a value in scope followed through its fields, or an enum's name. */
  private Optional<Values.Member> path(List<String> path) {
    if (path.isEmpty()) {
      return Optional.empty();
    }
    String head = path.get(0);
    if (workflow != null) {
      for (Entity e : Scopes.valuesAt(workflow, near)) {
        if (e.name().text().equals(head)) {
          return Values.follow(model, e, path.subList(1, path.size()));
        }
      }
    }
    if (path.size() == 1) {
      return declaration(head).filter(d -> d instanceof Decl.EnumDecl)
          .map(d -> new Values.Member(head, new Type.DeclarationName(d), Optional.of(new Entity.Declaration(d))));
    }
    return Optional.empty();
  }

  private void members(Values.Member of) {
    for (Values.Member m : Values.membersOf(model, of.type(), of.entity())) {
      if (m.entity().isPresent()) {
        entity(m.entity().get());
      } else {
        add(m.name(), CompletionItemKind.Field, m.name() + ": " + m.type().display(), null, m.name(), "0");
      }
    }
  }

  // ---- imports ------------------------------------------------------------------------------------

  private void imports(List<String> qualifier) {
    String prefix = String.join(".", qualifier);
    Set<String> next = new LinkedHashSet<>();
    for (String pkg : good.visibility().packages()) {
      if (pkg.isEmpty()) {
        continue;
      }
      if (qualifier.isEmpty()) {
        next.add(pkg.split("\\.")[0]);
      } else if (pkg.startsWith(prefix + ".")) {
        next.add(pkg.substring(prefix.length() + 1).split("\\.")[0]);
      }
    }
    next.forEach(n -> add(n, CompletionItemKind.Module, "package", null, n, "1"));
    if (!qualifier.isEmpty() && good.visibility().packages().contains(prefix)) {
      add("*", CompletionItemKind.Module, "every declaration of " + prefix, null, "*", "0");
      good.visibility().declarationsOf(prefix).forEach(d -> entity(new Entity.Declaration(d)));
    }
  }

  // ---- items ------------------------------------------------------------------------------------

  private void entity(Entity e) {
    String name = e.name().text();
    add(name, Kinds.completion(e), Describe.detail(model, e), doc(e), name, "0");
  }

  private String doc(Entity e) {
    return Describe.markdown(model, e);
  }

  private void keyword(String keyword) {
    add(keyword, CompletionItemKind.Keyword, "keyword", null, keyword, "5");
  }

  private void add(String label, CompletionItemKind kind, String detail, String markdown, String insert, String rank) {
    String key = label + "\u0000" + kind;
    if (items.containsKey(key)) {
      return;
    }
    CompletionItem item = new CompletionItem(label);
    item.setKind(kind);
    item.setDetail(detail);
    if (markdown != null) {
      item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, markdown));
    }
    item.setSortText(rank + label);
    item.setFilterText(label);
    item.setTextEdit(Either.forLeft(new TextEdit(replace, insert)));
    items.put(key, item);
  }
}
