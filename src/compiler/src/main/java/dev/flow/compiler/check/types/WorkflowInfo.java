package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.resolve.FileScope;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The workflow-level names of one workflow, worked out before its body is checked: inputs,
 * outputs, every named step (they belong to the whole workflow, LANGUAGE.md §4.6) with its
 * result type, the resolved action of every action call, and the targets of {@code go to}.
 */
final class WorkflowInfo {
  final Decl.WorkflowDecl decl;
  final FileScope scope;
  final Members.Signature signature;
  final Map<String, Clause.Input> inputs = new LinkedHashMap<>();
  final Map<String, Clause.Output> outputs = new LinkedHashMap<>();
  final Map<String, Stmt.Named> steps = new LinkedHashMap<>();
  final Set<String> gotoTargets = new LinkedHashSet<>();
  private final Map<Stmt.Named, Type> stepTypes = new IdentityHashMap<>();
  private final Map<Stmt.ActionCall, Members.Action> actions = new IdentityHashMap<>();

  WorkflowInfo(Decl.WorkflowDecl decl, FileScope scope, Members.Signature signature) {
    this.decl = decl;
    this.scope = scope;
    this.signature = signature;
    for (Clause.Input in : decl.inputs()) {
      inputs.putIfAbsent(in.name().text(), in);
    }
    for (Clause.Output out : decl.outputs()) {
      outputs.putIfAbsent(out.name().text(), out);
    }
  }

  void step(Stmt.Named step, Type result) {
    steps.putIfAbsent(step.name().text(), step);
    stepTypes.put(step, result);
  }

  /** The type of a step's result: {@link Type#VOID} when it has none, the error type when it did not resolve. */
  Type resultOf(Stmt.Named step) {
    return stepTypes.getOrDefault(step, Type.ERROR);
  }

  void action(Stmt.ActionCall call, Members.Action action) {
    actions.put(call, action);
  }

  /** The action a call names, when its system and action resolved. */
  Optional<Members.Action> actionOf(Stmt.ActionCall call) {
    return Optional.ofNullable(actions.get(call));
  }

  Type inputType(String name) {
    return signature.inputs().getOrDefault(name, Type.ERROR);
  }

  Type outputType(String name) {
    return signature.outputs().getOrDefault(name, Type.ERROR);
  }

  Map<String, Stmt.Named> stepsView() {
    return Collections.unmodifiableMap(steps);
  }
}
