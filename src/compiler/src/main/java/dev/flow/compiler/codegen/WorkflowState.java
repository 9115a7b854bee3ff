package dev.flow.compiler.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
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
 */
final class WorkflowState {
  /** A field of the workflow object. */
  record StateField(String name, TypeName type, CodeBlock javadoc) {}

  static final String DEFINITION = "DEFINITION";
  static final Set<String> RESERVED = Set.of(DEFINITION, "run", "definition", "outputs", Scope.CONTEXT, Scope.INPUT);

  private final JavaModel java;
  private final Decl.WorkflowDecl decl;
  private final JavaModel.WorkflowTypes types;
  private final JavaNames.Allocator fieldNames;
  private final Map<Stmt.Named, String> constants = new LinkedHashMap<>();
  private final Map<Stmt.Named, StateField> steps = new LinkedHashMap<>();
  private final Map<Stmt.Let, StateField> variables = new LinkedHashMap<>();
  private final Map<String, StateField> outputs = new LinkedHashMap<>();

  WorkflowState(JavaModel java, Decl.WorkflowDecl decl) {
    this.java = java;
    this.decl = decl;
    this.types = java.workflowTypes(decl);
    this.fieldNames = JavaNames.Allocator.of(java.reserved(RESERVED));
    List<Stmt.Named> named = StatementTree.steps(decl.body());
    for (Stmt.Named step : named) {
      constants.put(step, fieldNames.allocate(JavaNames.constantName(step.name().text())));
    }
    for (Stmt.Named step : named) {
      resultType(step).ifPresent(t -> steps.put(step,
          new StateField(fieldNames.allocate(step.name().text()), t,
              CodeBlock.of("The result of step {@code $L}.\n", step.name().text()))));
    }
    for (JavaModel.Component c : java.shape(types.output()).components().values()) {
      outputs.put(c.flowName(), new StateField(fieldNames.allocate(c.flowName()), c.javaType(),
          CodeBlock.of("Output {@code $L}.\n", c.flowName())));
    }
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
        l.doc().isEmpty() ? CodeBlock.of("Variable {@code $L}.\n", l.name().text()) : JavaText.javadocBlock(l.doc().text())));
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

  /** Every field, in order: step results, variables, outputs. */
  List<StateField> fields() {
    List<StateField> all = new java.util.ArrayList<>(steps.values());
    all.addAll(variables.values());
    all.addAll(outputs.values());
    return all;
  }

  /** A field read or written at a place where {@code scope} holds the locals: {@code this.x} when a local hides it. */
  static CodeBlock field(StateField f, Scope scope) {
    return scope.hides(f.name()) ? CodeBlock.of("this.$L", f.name()) : CodeBlock.of("$L", f.name());
  }

  // ---- result types --------------------------------------------------------------------------

  /** The Java type of a step's result, when it has one. */
  private Optional<TypeName> resultType(Stmt.Named step) {
    SemanticModel model = java.model();
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
