package dev.flow.compiler.query;

import dev.flow.compiler.ast.Argument;
import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Import;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every name of every file of a model, with the {@link Entity} it stands for: where each thing is
 * declared and everywhere it is used, across files. Built once from a resolved
 * {@link SemanticModel}: names in declaration positions and bare names in expressions are what
 * the checker resolved; the rest (an action after {@code System.}, a field after {@code .}, an
 * argument's name, a {@code go to} target, a milestone, a {@code match} pattern) follow from the
 * types the checker recorded. A name that did not resolve stands for nothing.
 */
public final class SymbolIndex {
  /**
   * One name in the sources and what it stands for.
   *
   * @param declaration whether this is the name where the entity is declared
   */
  public record Occurrence(Name name, Entity entity, boolean declaration) {}

  private final Map<SourceFile, NavigableMap<Integer, Occurrence>> byFile = new HashMap<>();
  private final Map<Name, Entity> entities = new LinkedHashMap<>();
  private final Map<Name, List<Occurrence>> uses = new HashMap<>();

  private SymbolIndex() {}

  public static SymbolIndex of(SemanticModel model) {
    SymbolIndex index = new SymbolIndex();
    Builder builder = new Builder(model, index);
    for (CompilationUnit unit : model.units()) {
      builder.unit(unit);
    }
    return index;
  }

  /**
   * The name at {@code offset} of {@code file}: the one whose text holds the character there,
   * or else the one that ends just before it (a caret after a word).
   */
  public Optional<Occurrence> at(SourceFile file, int offset) {
    NavigableMap<Integer, Occurrence> names = byFile.get(file);
    if (names == null) {
      return Optional.empty();
    }
    Map.Entry<Integer, Occurrence> e = names.floorEntry(offset);
    if (e != null && offset < e.getValue().name().span().end()) {
      return Optional.of(e.getValue());
    }
    Map.Entry<Integer, Occurrence> before = names.floorEntry(offset - 1);
    if (before != null && before.getValue().name().span().end() == offset) {
      return Optional.of(before.getValue());
    }
    return Optional.empty();
  }

  /** Every name of {@code entity}, its declaration included, sorted by file name and then by place. */
  public List<Occurrence> occurrences(Entity entity) {
    List<Occurrence> out = new ArrayList<>(uses.getOrDefault(entity.name(), List.of()));
    out.sort(Comparator.comparing((Occurrence o) -> o.name().span().fileName())
        .thenComparingInt(o -> o.name().span().start()));
    return out;
  }

  /** Every entity declared in the model, in source order. */
  public Collection<Entity> entities() {
    return Collections.unmodifiableCollection(entities.values());
  }

  /** Every name of a file, in source order. */
  public Collection<Occurrence> occurrencesIn(SourceFile file) {
    NavigableMap<Integer, Occurrence> names = byFile.get(file);
    return names == null ? List.of() : Collections.unmodifiableCollection(names.values());
  }

  private void add(Name name, Entity entity, boolean declaration) {
    if (name.span().isNone()) {
      return;
    }
    Occurrence o = new Occurrence(name, entity, declaration);
    if (declaration) {
      entities.putIfAbsent(name, entity);
    }
    Occurrence before = byFile.computeIfAbsent(name.span().file(), f -> new TreeMap<>()).putIfAbsent(name.span().start(), o);
    if (before == null) {
      uses.computeIfAbsent(entity.name(), n -> new ArrayList<>()).add(o);
    }
  }

  /** Walks one file, knowing what each place of the grammar names. */
  private static final class Builder {
    private final SemanticModel model;
    private final SymbolIndex index;

    Builder(SemanticModel model, SymbolIndex index) {
      this.model = model;
      this.index = index;
    }

    private void declare(Name name, Entity entity) {
      index.add(name, entity, true);
    }

    private void use(Name name, Entity entity) {
      index.add(name, entity, false);
    }

    /** A name in a declaration position: what the checker resolved it to. */
    private void reference(Name name) {
      model.declarationOf(name).ifPresent(d -> use(name, new Entity.Declaration(d)));
    }

    void unit(CompilationUnit unit) {
      for (Import imp : unit.imports()) {
        if (!imp.wildcard()) {
          reference(imp.name().last());
        }
      }
      for (Decl decl : unit.declarations()) {
        declaration(decl);
      }
    }

    private void declaration(Decl decl) {
      declare(decl.name(), new Entity.Declaration(decl));
      if (decl instanceof Decl.SystemDecl s) {
        for (Decl.ActionDecl a : s.actions()) {
          declare(a.name(), new Entity.Action(s, a));
          for (Field p : a.parameters()) {
            declare(p.name(), new Entity.Parameter(s, a, p));
            type(p.type());
          }
          a.result().ifPresent(this::type);
          a.fails().forEach(this::reference);
        }
      } else if (decl instanceof Decl.RecordDecl r) {
        fields(r, r.fields());
      } else if (decl instanceof Decl.EventDecl e) {
        fields(e, e.fields());
      } else if (decl instanceof Decl.ErrorDecl e) {
        fields(e, e.fields());
      } else if (decl instanceof Decl.EnumDecl e) {
        e.constants().forEach(c -> declare(c.name(), new Entity.Constant(e, c)));
      } else if (decl instanceof Decl.ProcessDecl p) {
        p.clauses().forEach(c -> processClause(p, c));
      } else if (decl instanceof Decl.WorkflowDecl w) {
        w.clauses().forEach(c -> workflowClause(w, c));
        block(w, w.body());
      }
    }

    private void fields(Decl owner, List<Field> fields) {
      for (Field f : fields) {
        declare(f.name(), new Entity.RecordField(owner, f));
        type(f.type());
      }
    }

    private void type(TypeRef ref) {
      reference(ref.name());
      ref.arguments().forEach(this::type);
    }

    private void processClause(Decl.ProcessDecl p, Clause c) {
      if (c instanceof Clause.Owner o) {
        reference(o.role());
      } else if (c instanceof Clause.Stakeholders s) {
        s.roles().forEach(this::reference);
      } else if (c instanceof Clause.Workflows w) {
        w.workflows().forEach(this::reference);
      } else if (c instanceof Clause.Measure m) {
        declare(m.name(), new Entity.Measure(p, m));
        milestone(m.from());
        milestone(m.to());
      }
    }

    private void milestone(Clause.Milestone m) {
      reference(m.workflow());
      if (m.isStart() || m.isEnd()) {
        return;
      }
      model.declarationOf(m.workflow())
          .filter(d -> d instanceof Decl.WorkflowDecl)
          .map(d -> (Decl.WorkflowDecl) d)
          .ifPresent(w -> Scopes.step(w, m.point().text()).ifPresent(s -> use(m.point(), new Entity.Step(w, s))));
    }

    private void workflowClause(Decl.WorkflowDecl w, Clause c) {
      if (c instanceof Clause.Owner o) {
        reference(o.role());
      } else if (c instanceof Clause.Trigger t) {
        t.target().ifPresent(this::reference);
      } else if (c instanceof Clause.Input in) {
        declare(in.name(), new Entity.Input(w, in));
        type(in.type());
      } else if (c instanceof Clause.Output out) {
        declare(out.name(), new Entity.Output(w, out));
        type(out.type());
      } else if (c instanceof Clause.Deadline d) {
        expr(w, d.duration());
        d.escalateTo().ifPresent(this::reference);
        d.end().ifPresent(e -> expr(w, e.message()));
      } else if (c instanceof Clause.Fails f) {
        f.errors().forEach(this::reference);
      }
    }

    // ---- statements -----------------------------------------------------------------------------

    private void block(Decl.WorkflowDecl w, Block b) {
      for (Stmt s : b.statements()) {
        statement(w, s);
      }
    }

    /** The roles of a step for a person (each once; a decision's in its arms) and who it is assigned to or not done by. */
    private void people(Decl.WorkflowDecl w, Name role, Stmt.People people) {
      if (people.decision().isPresent()) {
        Stmt.RoleMatch d = people.decision().get();
        expr(w, d.subject());
        Type subject = Type.required(model.typeOf(d.subject()));
        for (Stmt.RoleArm arm : d.arms()) {
          arm.patterns().forEach(p -> constant(p, subject));
          arm.roles().forEach(this::reference);
        }
      } else {
        reference(role);
      }
      people.otherRoles().forEach(this::reference);
      people.assignee().ifPresent(a -> expr(w, a));
      people.excluded().forEach(e -> expr(w, e));
    }

    private void statement(Decl.WorkflowDecl w, Stmt s) {
      if (s instanceof Stmt.Named n) {
        declare(n.name(), new Entity.Step(w, n));
      }
      if (s instanceof Stmt.HumanStep h) {
        people(w, h.role(), h.people());
        limit(w, h.limit());
        for (Field f : h.form()) {
          declare(f.name(), new Entity.FormField(w, h, f));
          type(f.type());
        }
      } else if (s instanceof Stmt.Approval a) {
        people(w, a.role(), a.people());
        limit(w, a.limit());
      } else if (s instanceof Stmt.SystemStep st) {
        actionCall(w, st.call());
        st.compensations().forEach(c -> actionCall(w, c));
      } else if (s instanceof Stmt.Notify n) {
        expr(w, n.target());
        n.via().ifPresent(this::reference);
        expr(w, n.message());
      } else if (s instanceof Stmt.Emit e) {
        expr(w, e.event());
      } else if (s instanceof Stmt.Wait wait) {
        expr(w, wait.duration());
      } else if (s instanceof Stmt.WaitUntil wait) {
        expr(w, wait.time());
      } else if (s instanceof Stmt.Receive r) {
        reference(r.event());
        r.within().ifPresent(e -> expr(w, e));
        r.where().ifPresent(e -> expr(w, e));
      } else if (s instanceof Stmt.Call c) {
        workflowCall(w, c.workflow(), c.arguments());
      } else if (s instanceof Stmt.Start st) {
        workflowCall(w, st.workflow(), st.arguments());
      } else if (s instanceof Stmt.Let let) {
        declare(let.name(), new Entity.Variable(w, let.name(), let));
        let.type().ifPresent(this::type);
        expr(w, let.value());
      } else if (s instanceof Stmt.Set set) {
        symbol(w, set.target());
        expr(w, set.value());
      } else if (s instanceof Stmt.If i) {
        i.arms().forEach(a -> expr(w, a.condition()));
      } else if (s instanceof Stmt.Match m) {
        match(w, m);
      } else if (s instanceof Stmt.Parallel p) {
        p.branches().forEach(b -> branch(w, b));
      } else if (s instanceof Stmt.First f) {
        f.branches().forEach(b -> branch(w, b));
      } else if (s instanceof Stmt.ForEach loop) {
        if (loop.declaresVariable()) {
          declare(loop.variable(), new Entity.Variable(w, loop.variable(), loop));
        }
        expr(w, loop.iterable());
      } else if (s instanceof Stmt.ForEachArriving a) {
        a.quiet().ifPresent(e -> expr(w, e));
        a.within().ifPresent(e -> expr(w, e));
      } else if (s instanceof Stmt.Repeat r) {
        expr(w, r.maxTimes());
        r.until().ifPresent(u -> expr(w, u));
      } else if (s instanceof Stmt.While loop) {
        expr(w, loop.condition());
      } else if (s instanceof Stmt.GoTo g) {
        Scopes.step(w, g.target().text()).ifPresent(target -> use(g.target(), new Entity.Step(w, target)));
      } else if (s instanceof Stmt.Try t) {
        for (Stmt.Catch c : t.catches()) {
          c.variable().ifPresent(n -> declare(n, new Entity.Variable(w, n, t)));
          c.errorType().ifPresent(this::reference);
        }
      } else if (s instanceof Stmt.Fail f) {
        expr(w, f.message());
      } else if (s instanceof Stmt.Cancel c) {
        expr(w, c.reason());
      } else if (s instanceof Stmt.ContinueAsNew n) {
        inputArguments(w, Optional.of(w), n.arguments());
      }
      for (Block inner : Scopes.blocks(s)) {
        block(w, inner);
      }
    }

    private void limit(Decl.WorkflowDecl w, Stmt.TimeLimit limit) {
      limit.within().ifPresent(e -> expr(w, e));
      limit.escalateTo().ifPresent(this::reference);
    }

    private void branch(Decl.WorkflowDecl w, Stmt.Branch b) {
      declare(b.name(), new Entity.Branch(w, b));
      b.when().ifPresent(e -> expr(w, e));
    }

    private void actionCall(Decl.WorkflowDecl w, Stmt.ActionCall call) {
      reference(call.system());
      Optional<Decl> system = model.declarationOf(call.system()).filter(d -> d instanceof Decl.SystemDecl);
      Optional<Decl.ActionDecl> action = Values.action(model, call);
      if (system.isPresent() && action.isPresent()) {
        Decl.SystemDecl sys = (Decl.SystemDecl) system.get();
        Decl.ActionDecl a = action.get();
        use(call.action(), new Entity.Action(sys, a));
        for (Argument arg : call.arguments()) {
          a.parameters().stream()
              .filter(p -> p.name().text().equals(arg.name().text()))
              .findFirst()
              .ifPresent(p -> use(arg.name(), new Entity.Parameter(sys, a, p)));
        }
      }
      call.arguments().forEach(arg -> expr(w, arg.value()));
    }

    private void workflowCall(Decl.WorkflowDecl w, Name callee, List<Argument> arguments) {
      reference(callee);
      Optional<Decl.WorkflowDecl> target = model.declarationOf(callee)
          .filter(d -> d instanceof Decl.WorkflowDecl)
          .map(d -> (Decl.WorkflowDecl) d);
      inputArguments(w, target, arguments);
    }

    /** The arguments of a {@code call}, {@code start} or {@code continue as new}: uses of the target's inputs. */
    private void inputArguments(Decl.WorkflowDecl w, Optional<Decl.WorkflowDecl> target, List<Argument> arguments) {
      for (Argument arg : arguments) {
        target.flatMap(t -> t.inputs().stream().filter(in -> in.name().text().equals(arg.name().text())).findFirst()
                .map(in -> new Entity.Input(t, in)))
            .ifPresent(in -> use(arg.name(), in));
        expr(w, arg.value());
      }
    }

    /** An enum constant named by a pattern: a use of it. */
    private void constant(Stmt.Pattern p, Type subject) {
      if (p instanceof Stmt.ConstantPattern c && subject instanceof Type.Declared d && d.decl() instanceof Decl.EnumDecl en) {
        en.constants().stream()
            .filter(k -> k.name().text().equals(c.constant().text()))
            .findFirst()
            .ifPresent(k -> use(c.constant(), new Entity.Constant(en, k)));
      }
    }

    private void match(Decl.WorkflowDecl w, Stmt.Match m) {
      expr(w, m.subject());
      Type subject = Type.required(model.typeOf(m.subject()));
      for (Stmt.MatchArm arm : m.arms()) {
        for (Stmt.Pattern p : arm.patterns()) {
          if (p instanceof Stmt.ConstantPattern c && subject instanceof Type.Declared d
              && d.decl() instanceof Decl.EnumDecl en) {
            en.constants().stream()
                .filter(k -> k.name().text().equals(c.constant().text()))
                .findFirst()
                .ifPresent(k -> use(c.constant(), new Entity.Constant(en, k)));
          }
        }
      }
    }

    /** A bare name or a {@code set} target: what the checker resolved it to. */
    private void symbol(Decl.WorkflowDecl w, Name name) {
      model.symbolOf(name).map(s -> entity(w, s)).ifPresent(e -> use(name, e));
    }

    private static Entity entity(Decl.WorkflowDecl w, Symbol s) {
      if (s instanceof Symbol.DeclSymbol d) {
        return new Entity.Declaration(d.decl());
      }
      if (s instanceof Symbol.InputSymbol in) {
        return new Entity.Input(w, in.input());
      }
      if (s instanceof Symbol.OutputSymbol out) {
        return new Entity.Output(w, out.output());
      }
      if (s instanceof Symbol.StepSymbol st) {
        return new Entity.Step(w, st.step());
      }
      if (s instanceof Symbol.VariableSymbol v) {
        return new Entity.Variable(w, v.let().name(), v.let());
      }
      if (s instanceof Symbol.LoopVariableSymbol l) {
        return new Entity.Variable(w, l.loop().variable(), l.loop());
      }
      Symbol.CatchVariableSymbol c = (Symbol.CatchVariableSymbol) s;
      return new Entity.Variable(w, c.name(), c.tryStmt());
    }

    // ---- expressions ----------------------------------------------------------------------------

    private void expr(Decl.WorkflowDecl w, Expr e) {
      if (e instanceof Expr.NameRef n) {
        symbol(w, n.name());
      } else if (e instanceof Expr.FieldAccess f) {
        expr(w, f.target());
        member(w, f);
      } else if (e instanceof Expr.FunctionCall c) {
        c.arguments().forEach(a -> expr(w, a));
      } else if (e instanceof Expr.Construct k) {
        construct(w, k);
      } else if (e instanceof Expr.ListLit l) {
        l.elements().forEach(x -> expr(w, x));
      } else if (e instanceof Expr.Unary u) {
        expr(w, u.operand());
      } else if (e instanceof Expr.Binary b) {
        expr(w, b.left());
        expr(w, b.right());
      } else if (e instanceof Expr.StringLit s) {
        for (Expr.StringPart p : s.parts()) {
          if (p instanceof Expr.Interpolation i) {
            expr(w, i.expr());
          }
        }
      }
    }

    /** {@code Document(name: …)}, {@code CardDeclined(reason: …)}: the type's name, and each argument names one of its fields. */
    private void construct(Decl.WorkflowDecl w, Expr.Construct k) {
      reference(k.type());
      Optional<Decl> decl = model.declarationOf(k.type());
      for (Argument a : k.arguments()) {
        expr(w, a.value());
        if (decl.isPresent()) {
          List<Field> fields = Decl.fieldsOf(decl.get()); // a record's, an event's or an error's
          fields.stream().filter(f -> f.name().text().equals(a.name().text())).findFirst()
              .ifPresent(f -> use(a.name(), new Entity.RecordField(decl.get(), f)));
        }
      }
    }

    /** The field (or enum constant) that {@code target.field} reads. */
    private void member(Decl.WorkflowDecl w, Expr.FieldAccess f) {
      Type target = model.typeOf(f.target());
      Optional<Entity> source = Optional.empty();
      if (f.target() instanceof Expr.NameRef n) {
        source = model.symbolOf(n.name()).map(s -> entity(w, s));
      }
      for (Values.Member m : Values.membersOf(model, target, source)) {
        if (m.name().equals(f.field().text())) {
          m.entity().ifPresent(e -> use(f.field(), e));
          return;
        }
      }
    }
  }
}
