package dev.flow.compiler.query;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Doc;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;

/**
 * Something a name in the sources can stand for: a declaration, a member of one (an action, a
 * field, a parameter, an enum constant), or something of a workflow (an input, an output, a
 * step, a form field, a branch, a variable), or a measure of a process.
 *
 * <p>An entity is identified by {@link #name()}, the name where it is declared: two entities are
 * the same when their names are equal (the same text at the same place). Compare and index them
 * by that name; the records' own {@code equals} compares whole subtrees.
 */
public sealed interface Entity {
  /** The name where it is declared. */
  Name name();

  /** What users call this kind of thing: "role", "action", "input", "form field", … */
  String kind();

  /** Its doc comment ({@link Doc#NONE} when it has none, or cannot have one). */
  Doc doc();

  /** A role, system, record, event, enum, process or workflow. */
  record Declaration(Decl decl) implements Entity {
    @Override
    public Name name() {
      return decl.name();
    }

    @Override
    public String kind() {
      return decl.kind();
    }

    @Override
    public Doc doc() {
      return decl.doc();
    }
  }

  /** An action of a system. */
  record Action(Decl.SystemDecl system, Decl.ActionDecl action) implements Entity {
    @Override
    public Name name() {
      return action.name();
    }

    @Override
    public String kind() {
      return "action";
    }

    @Override
    public Doc doc() {
      return action.doc();
    }
  }

  /** A parameter of an action. */
  record Parameter(Decl.SystemDecl system, Decl.ActionDecl action, Field field) implements Entity {
    @Override
    public Name name() {
      return field.name();
    }

    @Override
    public String kind() {
      return "parameter";
    }

    @Override
    public Doc doc() {
      return field.doc();
    }
  }

  /** A field of a record or an event. */
  record RecordField(Decl owner, Field field) implements Entity {
    @Override
    public Name name() {
      return field.name();
    }

    @Override
    public String kind() {
      return "field";
    }

    @Override
    public Doc doc() {
      return field.doc();
    }
  }

  /** A field of the form of a step for a person. */
  record FormField(Decl.WorkflowDecl workflow, Stmt.HumanStep step, Field field) implements Entity {
    @Override
    public Name name() {
      return field.name();
    }

    @Override
    public String kind() {
      return "form field";
    }

    @Override
    public Doc doc() {
      return field.doc();
    }
  }

  /** A constant of an enum. */
  record Constant(Decl.EnumDecl owner, Decl.EnumConstant constant) implements Entity {
    @Override
    public Name name() {
      return constant.name();
    }

    @Override
    public String kind() {
      return "enum constant";
    }

    @Override
    public Doc doc() {
      return constant.doc();
    }
  }

  /** An input of a workflow. */
  record Input(Decl.WorkflowDecl workflow, Clause.Input input) implements Entity {
    @Override
    public Name name() {
      return input.name();
    }

    @Override
    public String kind() {
      return "input";
    }

    @Override
    public Doc doc() {
      return input.doc();
    }
  }

  /** An output of a workflow. */
  record Output(Decl.WorkflowDecl workflow, Clause.Output output) implements Entity {
    @Override
    public Name name() {
      return output.name();
    }

    @Override
    public String kind() {
      return "output";
    }

    @Override
    public Doc doc() {
      return output.doc();
    }
  }

  /** A named step of a workflow ({@code step}, {@code approval}, {@code receive}, {@code call}). */
  record Step(Decl.WorkflowDecl workflow, Stmt.Named step) implements Entity {
    @Override
    public Name name() {
      return step.name();
    }

    @Override
    public String kind() {
      return "step";
    }

    @Override
    public Doc doc() {
      return step.doc();
    }
  }

  /** A branch of a {@code parallel} or {@code first}. */
  record Branch(Decl.WorkflowDecl workflow, Stmt.Branch branch) implements Entity {
    @Override
    public Name name() {
      return branch.name();
    }

    @Override
    public String kind() {
      return "branch";
    }

    @Override
    public Doc doc() {
      return branch.doc();
    }
  }

  /**
   * A block-scoped variable: a {@code let}, the variable of a {@code for each}, or the error of a
   * {@code catch}.
   *
   * @param declaredBy the {@link Stmt.Let}, {@link Stmt.ForEach} or {@link Stmt.Try} that declares it
   */
  record Variable(Decl.WorkflowDecl workflow, Name name, Stmt declaredBy) implements Entity {
    @Override
    public String kind() {
      return "variable";
    }

    @Override
    public Doc doc() {
      return declaredBy instanceof Stmt.Let let ? let.doc() : Doc.NONE;
    }
  }

  /** A measure of a process. */
  record Measure(Decl.ProcessDecl process, Clause.Measure measure) implements Entity {
    @Override
    public Name name() {
      return measure.name();
    }

    @Override
    public String kind() {
      return "measure";
    }

    @Override
    public Doc doc() {
      return measure.doc();
    }
  }
}
