package dev.flow.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names inside one workflow class: a constant per named step ({@code CREATE_FOLDER}), and
 * the private fields that hold the state of a run (lambdas cannot assign locals): one per step
 * result, per {@code let} variable (unique in the workflow, since sibling blocks may reuse a
 * name with another type) and per output. Fields, constants and the class's own names
 * ({@code DEFINITION}, {@code run}, {@code definition}, {@code outputs}, and {@code ctx} and
 * {@code input}, which a field must not be hidden by) share one allocator.
 *
 * <p>The step results and variables declared in the body of a {@code for each … in parallel} are
 * fields of a nested class instead ({@code ItemIteration}), of which each iteration makes its own
 * object: so that what an iteration reads later (in a {@code receive}'s {@code where}, after a
 * backend has run other iterations in between) is what it wrote itself. A sequential loop keeps
 * its state in the workflow's fields.
 */
final class WorkflowState {
  /**
   * A field of the workflow object, or of the object of one iteration of a parallel loop.
   *
   * @param iteration the class of the loop's iterations, when the field is one of theirs
   */
  record StateField(String name, TypeName type, CodeBlock javadoc, Optional<ClassName> iteration) {}

  /** The state of the iterations of one {@code for each … in parallel}: its class and fields. */
  record Iteration(Stmt loop, ClassName type, List<StateField> fields) {
    /** The loop's variable. */
    String variable() {
      return loop instanceof Stmt.ForEachArriving a ? a.variable().text() : ((Stmt.ForEach) loop).variable().text();
    }
  }

  static final String DEFINITION = "DEFINITION";
  static final Set<String> RESERVED = Set.of(DEFINITION, "run", "definition", "outputs", Scope.CONTEXT, Scope.INPUT);

  private final JavaModel java;
  private final Decl.WorkflowDecl decl;
  private final JavaModel.WorkflowTypes types;
  private final JavaNames.Allocator fieldNames;
  // keyed by identity: an AST record's equals and hashCode walk its whole subtree
  private final Map<Stmt.Named, String> constants = new IdentityOrderedMap<>();
  private final Map<Stmt.Named, StateField> steps = new IdentityOrderedMap<>();
  private final Map<Stmt.Let, StateField> variables = new IdentityOrderedMap<>();
  private final Map<String, StateField> outputs = new LinkedHashMap<>();
  /** The iteration class a step or {@code let} belongs to: that of the innermost parallel loop around it. */
  private final Map<Stmt, ClassName> owners = new IdentityHashMap<>();
  private final List<Stmt> parallelLoops = new ArrayList<>();
  private final Set<Stmt.Named> completions = Collections.newSetFromMap(new IdentityHashMap<>());

  WorkflowState(JavaModel java, Decl.WorkflowDecl decl) {
    this.java = java;
    this.decl = decl;
    this.types = java.workflowTypes(decl);
    this.fieldNames = JavaNames.Allocator.of(java.reserved(RESERVED));
    owners(decl.body(), null);
    List<Stmt.Named> named = StatementTree.steps(decl.body());
    for (Stmt.Named step : named) {
      // The step constants name the systems' interfaces (Drive.CREATE_FOLDER): no field may obscure them …
      if (step instanceof Stmt.SystemStep s) {
        fieldNames.reserve(java.classOf(system(s.call())).simpleName());
        s.compensation().ifPresent(c -> fieldNames.reserve(java.classOf(system(c)).simpleName()));
      }
      // … and a receive's correlation names its event's record (Payment::invoice).
      if (step instanceof Stmt.Receive r) {
        java.model().declarationOf(r.event()).ifPresent(e -> fieldNames.reserve(java.classOf(e).simpleName()));
      }
    }
    for (Stmt.Named step : named) {
      constants.put(step, fieldNames.allocate(JavaNames.constantName(step.name().text())));
    }
    completionsRead(decl, named);
    for (Stmt.Named step : named) {
      resultType(step).ifPresent(t -> steps.put(step,
          new StateField(fieldNames.allocate(step.name().text()), t,
              JavaCode.of("The result of step {@code $L}.\n", step.name().text()), owner(step))));
    }
    for (JavaModel.Component c : java.shape(types.output()).components().values()) {
      outputs.put(c.flowName(), new StateField(fieldNames.allocate(c.flowName()), c.javaType(),
          JavaCode.of("Output {@code $L}.\n", c.flowName()), Optional.empty()));
    }
  }

  private void owners(Block block, ClassName owner) {
    for (Stmt s : block.statements()) {
      if ((s instanceof Stmt.Named || s instanceof Stmt.Let) && owner != null) {
        owners.put(s, owner);
      }
      ClassName inner = owner;
      if (s instanceof Stmt.ForEachArriving a) {
        // the arrivals run one at a time, outside the rounds; each round has its own state
        owners(a.arrivals(), owner);
        if (types.iterations().containsKey(a)) {
          parallelLoops.add(a);
        }
        owners(a.body(), types.iterations().getOrDefault(a, owner));
        continue;
      }
      if (s instanceof Stmt.ForEach f && types.iterations().containsKey(f)) {
        inner = types.iterations().get(f);
        parallelLoops.add(f);
      }
      for (Block b : StatementTree.blocks(s)) {
        owners(b, inner);
      }
    }
  }

  private Optional<ClassName> owner(Stmt s) {
    return Optional.ofNullable(owners.get(s));
  }

  Decl.WorkflowDecl decl() {
    return decl;
  }

  JavaModel.WorkflowTypes types() {
    return types;
  }

  JavaModel.Shape inputShape() {
    return java.shape(types.input());
  }

  JavaModel.Shape outputShape() {
    return java.shape(types.output());
  }

  /** Every named step in source order, with its constant's name. */
  Map<Stmt.Named, String> constants() {
    return constants;
  }

  String constant(Stmt.Named step) {
    return constants.get(step);
  }

  /** The field that holds a step's result (none for a step without a result). */
  Optional<StateField> step(Stmt.Named step) {
    return Optional.ofNullable(steps.get(step));
  }

  /** The field of a {@code let} variable, allocated the first time it is asked for (in source order). */
  StateField variable(Stmt.Let let, TypeName type) {
    return variables.computeIfAbsent(let, l -> new StateField(fieldNames.allocate(l.name().text()), type,
        l.doc().isEmpty() ? JavaCode.of("Variable {@code $L}.\n", l.name().text()) : JavaText.javadocBlock(l.doc().text()),
        owner(l)));
  }

  /** The field of a {@code let} variable already generated. */
  StateField variable(Stmt.Let let) {
    StateField f = variables.get(let);
    if (f == null) {
      throw new IllegalStateException("variable " + let.name().text() + " used before its let");
    }
    return f;
  }

  StateField output(String flowName) {
    return outputs.get(flowName);
  }

  /** Every field of the workflow object, in order: step results, variables, outputs. */
  List<StateField> fields() {
    List<StateField> all = new ArrayList<>(steps.values());
    all.addAll(variables.values());
    all.addAll(outputs.values());
    all.removeIf(f -> f.iteration().isPresent());
    return all;
  }

  /** The class of the iterations of a parallel loop, when they have state (step results, variables) of their own. */
  Optional<ClassName> iteration(Stmt loop) {
    ClassName type = types.iterations().get(loop);
    boolean hasState = type != null && (steps.values().stream().anyMatch(f -> f.iteration().equals(Optional.of(type)))
        || owners.entrySet().stream().anyMatch(e -> e.getKey() instanceof Stmt.Let && e.getValue() == type));
    return hasState ? Optional.of(type) : Optional.empty();
  }

  /** The state of the iterations of every parallel loop that has any, loops in source order; after {@code run} is generated. */
  List<Iteration> iterations() {
    List<Iteration> out = new ArrayList<>();
    for (Stmt loop : parallelLoops) {
      ClassName type = types.iterations().get(loop);
      List<StateField> fields = new ArrayList<>();
      for (StateField f : steps.values()) {
        if (f.iteration().equals(Optional.of(type))) {
          fields.add(f);
        }
      }
      for (StateField f : variables.values()) {
        if (f.iteration().equals(Optional.of(type))) {
          fields.add(f);
        }
      }
      if (!fields.isEmpty()) {
        out.add(new Iteration(loop, type, fields));
      }
    }
    return out;
  }

  /**
   * A field read or written at a place where {@code scope} holds the locals: {@code this.x} when a
   * local hides it; {@code itemIteration.x} for a field of the iteration the place is in.
   */
  static CodeBlock field(StateField f, Scope scope) {
    if (f.iteration().isPresent()) {
      Scope.Local iteration = scope.lookup(f.iteration().get())
          .orElseThrow(() -> new IllegalStateException(f.name() + " read outside its iteration"));
      return JavaCode.of("$L.$L", iteration.name(), f.name());
    }
    return scope.hides(f.name()) ? JavaCode.of("this.$L", f.name()) : JavaCode.of("$L", f.name());
  }

  // ---- result types --------------------------------------------------------------------------

  /**
   * The steps for people whose {@code completedBy} or {@code completedAt} the workflow reads: their
   * result is kept as a {@code Completed<Form>} ({@code ctx.completedTask(…)}).
   */
  private void completionsRead(Decl.WorkflowDecl root, List<Stmt.Named> named) {
    // Only a step for a person has them, and a read names the field in the workflow's text: most
    // workflows need no walk of their whole tree.
    if (named.stream().anyMatch(s -> s instanceof Stmt.HumanStep || s instanceof Stmt.Approval)
        && dev.flow.compiler.check.types.Results.COMPLETION.keySet().stream().anyMatch(f -> mentions(root, f))) {
      dev.flow.compiler.query.Nodes.forEachDescendant(root, this::completionRead);
    }
  }

  private static boolean mentions(Decl.WorkflowDecl root, String word) {
    if (root.span().isNone()) {
      return true;
    }
    String text = root.span().file().text();
    int last = root.span().end() - word.length();
    for (int at = text.indexOf(word.charAt(0), root.span().start()); at >= 0 && at <= last;
        at = text.indexOf(word.charAt(0), at + 1)) {
      if (text.startsWith(word, at)) {
        return true;
      }
    }
    return false;
  }

  private void completionRead(dev.flow.compiler.ast.Node node) {
    if (node instanceof Expr.FieldAccess fa && fa.target() instanceof Expr.NameRef ref
        && dev.flow.compiler.check.types.Results.COMPLETION.containsKey(fa.field().text())) {
      java.model().symbolOf(ref.name())
          .filter(s -> s instanceof dev.flow.compiler.check.resolve.Symbol.StepSymbol)
          .map(s -> ((dev.flow.compiler.check.resolve.Symbol.StepSymbol) s).step())
          .filter(s -> s instanceof Stmt.HumanStep || s instanceof Stmt.Approval)
          .ifPresent(completions::add);
    }
  }

  /** Whether the step's result is kept with who completed it and when. */
  boolean keepsCompletion(Stmt.Named step) {
    return completions.contains(step);
  }

  /** The Java type of a step's result, when it has one. */
  private Optional<TypeName> resultType(Stmt.Named step) {
    SemanticModel model = java.model();
    if (step instanceof Stmt.HumanStep h && completions.contains(h)) {
      ClassName form = types.forms().get(h);
      return Optional.of(ParameterizedTypeName.get(RuntimeTypes.COMPLETED, form == null ? ClassName.get(Void.class) : form));
    }
    if (step instanceof Stmt.Approval a && completions.contains(a)) {
      return Optional.of(ParameterizedTypeName.get(RuntimeTypes.COMPLETED, RuntimeTypes.APPROVAL));
    }
    if (step instanceof Stmt.HumanStep h) {
      return Optional.ofNullable(types.forms().get(h));
    }
    if (step instanceof Stmt.Approval) {
      return Optional.of(RuntimeTypes.APPROVAL);
    }
    if (step instanceof Stmt.Receive r) {
      return model.declarationOf(r.event()).map(java::classOf);
    }
    if (step instanceof Stmt.Call c) {
      return calleeOf(model.declarationOf(c.workflow()))
          .filter(w -> !w.outputs().isEmpty())
          .map(w -> java.workflowTypes(w).output());
    }
    Stmt.SystemStep s = (Stmt.SystemStep) step;
    Type result = actionResult(s.call());
    return result == Type.VOID ? Optional.empty() : Optional.of(java.type(result));
  }

  /** The Flow type an action returns ({@link Type#VOID} without one). */
  Type actionResult(Stmt.ActionCall call) {
    return action(call).flatMap(Decl.ActionDecl::result).map(t -> java.model().typeOf(t)).orElse(Type.VOID);
  }

  /** The system an action call names. */
  Decl.SystemDecl system(Stmt.ActionCall call) {
    return (Decl.SystemDecl) java.model().declarationOf(call.system())
        .orElseThrow(() -> new IllegalStateException("unresolved system " + call.system().text()));
  }

  /** The action an action call names. */
  Optional<Decl.ActionDecl> action(Stmt.ActionCall call) {
    return system(call).action(call.action().text());
  }

  private static Optional<Decl.WorkflowDecl> calleeOf(Optional<Decl> decl) {
    return decl.filter(d -> d instanceof Decl.WorkflowDecl).map(d -> (Decl.WorkflowDecl) d);
  }
}
