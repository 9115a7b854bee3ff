package dev.flow.lsp;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Doc;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.query.Entity;
import dev.flow.compiler.query.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What hovers and completion items say about things: a line of Flow that declares it, its doc
 * comment, and what else a reader needs (a step's owner and time limit, a value's type), in
 * Markdown.
 */
final class Describe {
  private Describe() {}

  /** The whole description of an entity: its declaration as code, its doc, its details. */
  static String markdown(SemanticModel model, Entity e) {
    StringBuilder s = new StringBuilder();
    s.append(code(signature(model, e)));
    Doc doc = e.doc();
    if (!doc.isEmpty()) {
      s.append("\n\n").append(doc.text());
    }
    List<String> details = details(model, e);
    if (!details.isEmpty()) {
      s.append("\n\n").append(details.stream().map(d -> "- " + d).collect(Collectors.joining("\n")));
    }
    return s.toString();
  }

  /** The type of an expression, for a hover over one. */
  static String expression(Expr e, Type type) {
    String text = e.span().text();
    boolean quotable = !text.isEmpty() && text.length() <= 60 && text.indexOf('\n') < 0 && !(e instanceof Expr.NameRef);
    return code((quotable ? text + ": " : "") + type.display());
  }

  static String code(String flow) {
    return "```flow\n" + flow + "\n```";
  }

  /** One line of Flow (or a few) that declares the entity. */
  static String signature(SemanticModel model, Entity e) {
    if (e instanceof Entity.Declaration d) {
      return declaration(d.decl());
    }
    if (e instanceof Entity.Action a) {
      return "action " + a.system().name().text() + "." + action(a.action());
    }
    if (e instanceof Entity.Parameter p) {
      return "parameter " + field(p.field());
    }
    if (e instanceof Entity.RecordField f) {
      return "field " + f.owner().name().text() + "." + field(f.field());
    }
    if (e instanceof Entity.FormField f) {
      return "form field " + f.step().name().text() + "." + field(f.field());
    }
    if (e instanceof Entity.Constant c) {
      return c.owner().name().text() + "." + c.constant().name().text();
    }
    if (e instanceof Entity.Input in) {
      return "input " + in.input().name().text() + ": " + in.input().type();
    }
    if (e instanceof Entity.Output out) {
      return "output " + out.output().name().text() + ": " + out.output().type();
    }
    if (e instanceof Entity.Step s) {
      return step(s.step());
    }
    if (e instanceof Entity.Branch b) {
      return "branch " + b.branch().name().text() + b.branch().when().map(w -> " when " + oneLine(w.span().text())).orElse("");
    }
    if (e instanceof Entity.Variable v) {
      String type = Values.typeOf(model, v).display();
      if (v.declaredBy() instanceof Stmt.ForEach f && f.threads()) {
        return "parallel " + ExprPrinter.print(f.iterable()) + " times as " + v.name().text() + ": " + type;
      }
      String word = v.declaredBy() instanceof Stmt.Let ? "let " : v.declaredBy() instanceof Stmt.ForEach ? "for each " : "catch ";
      return word + v.name().text() + ": " + type;
    }
    Entity.Measure m = (Entity.Measure) e;
    return oneLine(m.measure().span().text());
  }

  /**
   * What kind of thing, for a completion item's detail: {@code role},
   * {@code Drive.createFolder(client: Text): Text}, {@code input: Ordered}.
   */
  static String detail(SemanticModel model, Entity e) {
    if (e instanceof Entity.Declaration d) {
      return d.decl().kind();
    }
    if (e instanceof Entity.Action a) {
      return a.system().name().text() + "." + action(a.action());
    }
    if (e instanceof Entity.Step s) {
      return kindOf(s.step()) + " — " + Values.resultOf(model, s.step()).display();
    }
    Type t = Values.typeOf(model, e);
    return e.kind() + ": " + t.display();
  }

  // ---- declarations -------------------------------------------------------------------------------

  private static String declaration(Decl decl) {
    String head = decl.kind() + " " + decl.name().text();
    if (decl instanceof Decl.RoleDecl r) {
      return head + r.title().map(t -> " \"" + t + "\"").orElse("");
    }
    if (decl instanceof Decl.SystemDecl s) {
      String title = s.title().map(t -> " \"" + t + "\"").orElse("");
      List<String> lines = new ArrayList<>();
      s.actions().forEach(a -> lines.add("action " + action(a)));
      s.retries().forEach(r -> lines.add(oneLine(r.span().text())));
      s.timeouts().forEach(t -> lines.add("timeout " + t.text()));
      return lines.isEmpty() ? head + title : head + title + " {\n  " + String.join("\n  ", lines) + "\n}";
    }
    if (decl instanceof Decl.RecordDecl r) {
      return head + fields(r.fields());
    }
    if (decl instanceof Decl.EventDecl ev) {
      return head + fields(ev.fields());
    }
    if (decl instanceof Decl.ErrorDecl er) {
      return head + fields(er.fields());
    }
    if (decl instanceof Decl.EnumDecl en) {
      return head + " { " + en.constants().stream().map(c -> c.name().text()).collect(Collectors.joining(", ")) + " }";
    }
    if (decl instanceof Decl.ProcessDecl p) {
      return clauses(head, p.clauses());
    }
    Decl.WorkflowDecl w = (Decl.WorkflowDecl) decl;
    return clauses(head, w.clauses());
  }

  private static String clauses(String head, List<Clause> clauses) {
    if (clauses.isEmpty()) {
      return head;
    }
    return head + " {\n" + clauses.stream().map(c -> "  " + oneLine(c.span().text())).collect(Collectors.joining("\n")) + "\n}";
  }

  private static String fields(List<Field> fields) {
    if (fields.isEmpty()) {
      return " {}";
    }
    if (fields.size() <= 3) {
      return " { " + fields.stream().map(Describe::field).collect(Collectors.joining(", ")) + " }";
    }
    return " {\n" + fields.stream().map(f -> "  " + field(f)).collect(Collectors.joining("\n")) + "\n}";
  }

  private static String field(Field f) {
    return f.name().text() + ": " + f.type();
  }

  private static String action(Decl.ActionDecl a) {
    return a.name().text() + "(" + a.parameters().stream().map(Describe::field).collect(Collectors.joining(", ")) + ")"
        + a.result().map(r -> ": " + r).orElse("");
  }

  // ---- steps --------------------------------------------------------------------------------------

  private static String kindOf(Stmt.Named step) {
    if (step instanceof Stmt.HumanStep) {
      return "step for a person";
    }
    if (step instanceof Stmt.Approval) {
      return "approval";
    }
    if (step instanceof Stmt.SystemStep) {
      return "system step";
    }
    if (step instanceof Stmt.Receive) {
      return "receive";
    }
    return "call";
  }

  private static String step(Stmt.Named step) {
    String name = step.name().text();
    if (step instanceof Stmt.HumanStep h) {
      return "step " + name + " by " + people(h.role(), h.people()) + limit(h.limit());
    }
    if (step instanceof Stmt.Approval a) {
      return "approval " + name + " by " + people(a.role(), a.people()) + limit(a.limit());
    }
    if (step instanceof Stmt.SystemStep s) {
      return "step " + name + " by " + oneLine(s.call().span().text());
    }
    if (step instanceof Stmt.Receive r) {
      return "receive " + (r.onlyNew() ? "new " : "") + name + ": " + r.event().text()
          + r.where().map(w -> " where " + oneLine(w.span().text())).orElse("")
          + r.within().map(w -> " within " + ExprPrinter.print(w)).orElse("");
    }
    Stmt.Call c = (Stmt.Call) step;
    return "call " + name + ": " + c.workflow().text() + "("
        + c.arguments().stream().map(a -> oneLine(a.span().text())).collect(Collectors.joining(", ")) + ")";
  }

  /** {@code Sales or Accounting}, {@code match request.kind { … }}, then {@code assign to …} and {@code not by …}. */
  private static String people(Name role, Stmt.People people) {
    String roles = people.decision().map(d -> "match " + ExprPrinter.print(d.subject()) + " { "
            + d.arms().stream().map(a -> (a.isElse() ? "else" : a.patterns().stream().map(ExprPrinter::print)
                .collect(Collectors.joining(", "))) + " -> " + a.roles().stream().map(Name::text)
                .collect(Collectors.joining(" or "))).collect(Collectors.joining(", ")) + " }")
        .orElse(role.text() + people.otherRoles().stream().map(r -> " or " + r.text()).collect(Collectors.joining()));
    return roles + people.assignee().map(a -> " assign to " + ExprPrinter.print(a)).orElse("")
        + (people.excluded().isEmpty() ? ""
            : " not by " + people.excluded().stream().map(ExprPrinter::print).collect(Collectors.joining(", ")));
  }

  /** The roles of a step for a person, for its details: "role `Sales` or `Accounting`". */
  private static String roles(Name role, Stmt.People people) {
    List<Name> all = people.roles(role);
    return (all.size() == 1 ? "role " : "roles ") + all.stream().map(r -> "`" + r.text() + "`")
        .collect(Collectors.joining(" or ")) + (people.decision().isPresent() ? " (decided from data)" : "");
  }

  private static String limit(Stmt.TimeLimit limit) {
    return limit.within().map(w -> " within " + ExprPrinter.print(w)).orElse("")
        + limit.escalateTo().map(r -> " escalate to " + r.text()).orElse("");
  }

  private static List<String> details(SemanticModel model, Entity e) {
    List<String> out = new ArrayList<>();
    if (e instanceof Entity.Step s) {
      Stmt.Named step = s.step();
      if (step instanceof Stmt.HumanStep h) {
        out.add("owner: " + roles(h.role(), h.people()));
        out.add("time limit: " + timeLimit(h.limit()));
        out.add("result also: `completedBy: Text`, `completedAt: Timestamp`");
      } else if (step instanceof Stmt.Approval a) {
        out.add("owner: " + roles(a.role(), a.people()));
        out.add("time limit: " + timeLimit(a.limit()));
      } else if (step instanceof Stmt.SystemStep st) {
        out.add("owner: system `" + st.call().system().text() + "`, action `" + st.call().action().text() + "`");
        Optional<Decl.SystemDecl> system = model.declarationOf(st.call().system())
            .filter(d -> d instanceof Decl.SystemDecl).map(d -> (Decl.SystemDecl) d);
        out.add("time limit: " + st.timeout().map(t -> "timeout " + t.text())
            .or(() -> system.flatMap(Decl.SystemDecl::timeout).map(t -> "timeout " + t.text() + " (the system's default)"))
            .orElse("none"));
        st.retry().map(r -> oneLine(r.span().text()))
            .or(() -> system.flatMap(Decl.SystemDecl::retry).map(r -> oneLine(r.span().text()) + " (the system's default)"))
            .ifPresent(r -> out.add("retries: " + r));
        st.compensation().ifPresent(c -> out.add("compensated with `" + oneLine(c.span().text()) + "`"));
      } else if (step instanceof Stmt.Receive r) {
        out.add("waits for event `" + r.event().text() + "`");
        out.add("time limit: "
            + r.within().map(w -> "within " + ExprPrinter.print(w) + ", then it fails with a timeout").orElse("none"));
      } else if (step instanceof Stmt.Call c) {
        out.add("runs workflow `" + c.workflow().text() + "` to completion");
      }
      Type result = Values.resultOf(model, step);
      out.add("result: " + (result == Type.VOID ? "none" : "`" + result.display() + "`"));
      out.add("in workflow `" + s.workflow().name().text() + "`");
    } else if (e instanceof Entity.Input in) {
      out.add("input of workflow `" + in.workflow().name().text() + "`");
    } else if (e instanceof Entity.Output out2) {
      out.add("output of workflow `" + out2.workflow().name().text() + "`, assigned with `set`");
    } else if (e instanceof Entity.Parameter p) {
      out.add("parameter of `" + p.system().name().text() + "." + p.action().name().text() + "`");
    } else if (e instanceof Entity.Action a) {
      a.system().timeout().ifPresent(t -> out.add("time limit: timeout " + t.text() + " (the system's default)"));
      a.system().retry().ifPresent(r -> out.add("retries: " + oneLine(r.span().text()) + " (the system's default)"));
    } else if (e instanceof Entity.Declaration d && d.decl() instanceof Decl.WorkflowDecl w) {
      out.add("version " + w.version());
    } else if (e instanceof Entity.Variable v && v.declaredBy() instanceof Stmt.ForEach f && f.threads()) {
      out.add("each thread's number, 1 to " + ExprPrinter.print(f.iterable()) + " (read-only)");
    } else if (e instanceof Entity.Variable v) {
      out.add("variable of workflow `" + v.workflow().name().text() + "`");
    }
    return out;
  }

  private static String timeLimit(Stmt.TimeLimit limit) {
    if (limit.within().isEmpty()) {
      return limit.escalateTo().map(r -> "none; escalates to `" + r.text() + "`").orElse("none");
    }
    return ExprPrinter.print(limit.within().get())
        + limit.escalateTo().map(r -> ", then escalated to `" + r.text() + "`").orElse("");
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
