package dev.flow.compiler.query;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Results;
import dev.flow.compiler.check.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The types of the things names stand for, and what {@code .name} can read on them, from a
 * resolved {@link SemanticModel}: the type of an input, a variable, a step's result (LANGUAGE.md
 * §4), a field; the fields of a record, event, form or called workflow's outputs, and the
 * constants of an enum.
 */
public final class Values {
  private Values() {}

  /**
   * One thing {@code .name} can read.
   *
   * @param name the field or constant
   * @param type its type
   * @param entity where it is declared, when it is declared in the sources (not for the fields
   *     of an approval's result or of a caught error)
   */
  public record Member(String name, Type type, Optional<Entity> entity) {}

  /**
   * The type of the value an entity names: {@link Type#VOID} for a step without a result,
   * {@link Type.DeclarationName} for a role, system, enum, process or workflow, and
   * {@link Type#ERROR} when it is not known.
   */
  public static Type typeOf(SemanticModel model, Entity entity) {
    if (entity instanceof Entity.Input in) {
      return model.typeOf(in.input().type());
    }
    if (entity instanceof Entity.Output out) {
      return model.typeOf(out.output().type());
    }
    if (entity instanceof Entity.RecordField f) {
      return model.typeOf(f.field().type());
    }
    if (entity instanceof Entity.FormField f) {
      return model.typeOf(f.field().type());
    }
    if (entity instanceof Entity.Parameter p) {
      return model.typeOf(p.field().type());
    }
    if (entity instanceof Entity.Constant c) {
      return new Type.Declared(c.owner());
    }
    if (entity instanceof Entity.Step s) {
      return resultOf(model, s.step());
    }
    if (entity instanceof Entity.Variable v) {
      return variable(model, v);
    }
    if (entity instanceof Entity.Declaration d) {
      return new Type.DeclarationName(d.decl());
    }
    if (entity instanceof Entity.Action a) {
      return a.action().result().map(model::typeOf).orElse(Type.VOID);
    }
    return Type.ERROR;
  }

  /** The type of a step's result. */
  public static Type resultOf(SemanticModel model, Stmt.Named step) {
    if (step instanceof Stmt.HumanStep h) {
      return Results.ofFields(types(model, h.form()));
    }
    if (step instanceof Stmt.Approval) {
      return Results.APPROVAL;
    }
    if (step instanceof Stmt.SystemStep s) {
      return action(model, s.call())
          .map(a -> a.result().map(model::typeOf).orElse(Type.VOID))
          .orElse(Type.ERROR);
    }
    if (step instanceof Stmt.Receive r) {
      return model.declarationOf(r.event()).<Type>map(Type.Declared::new).orElse(Type.ERROR);
    }
    Stmt.Call c = (Stmt.Call) step;
    return calledWorkflow(model, c)
        .map(w -> Results.ofFields(outputTypes(model, w)))
        .orElse(Type.ERROR);
  }

  /** The action a call names, when its system resolved and declares it. */
  public static Optional<Decl.ActionDecl> action(SemanticModel model, Stmt.ActionCall call) {
    return model.declarationOf(call.system())
        .filter(d -> d instanceof Decl.SystemDecl)
        .flatMap(d -> ((Decl.SystemDecl) d).action(call.action().text()));
  }

  /** The workflow a {@code call} names, when it resolved. */
  public static Optional<Decl.WorkflowDecl> calledWorkflow(SemanticModel model, Stmt.Call call) {
    return model.declarationOf(call.workflow())
        .filter(d -> d instanceof Decl.WorkflowDecl)
        .map(d -> (Decl.WorkflowDecl) d);
  }

  /**
   * What {@code .name} can read on a value of type {@code type}; {@code source}, when known, is
   * the entity the value comes from, which gives a form's or a called workflow's fields their
   * declarations. The type of a declaration's name ({@code Plan}) gives the enum's constants.
   */
  public static List<Member> membersOf(SemanticModel model, Type type, Optional<Entity> source) {
    Type t = Type.required(type);
    List<Member> out = new ArrayList<>();
    if (t instanceof Type.DeclarationName dn && dn.decl() instanceof Decl.EnumDecl en) {
      for (Decl.EnumConstant c : en.constants()) {
        out.add(new Member(c.name().text(), new Type.Declared(en), Optional.of(new Entity.Constant(en, c))));
      }
      return out;
    }
    if (t instanceof Type.Declared d) {
      List<Field> fields = Decl.fieldsOf(d.decl());
      for (Field f : fields) {
        out.add(new Member(f.name().text(), model.typeOf(f.type()), Optional.of(new Entity.RecordField(d.decl(), f))));
      }
      return distinct(out);
    }
    if (t instanceof Type.Struct s) {
      if (source.isPresent() && source.get() instanceof Entity.Step step) {
        if (step.step() instanceof Stmt.HumanStep h) {
          for (Field f : h.form()) {
            out.add(new Member(f.name().text(), model.typeOf(f.type()),
                Optional.of(new Entity.FormField(step.workflow(), h, f))));
          }
          return distinct(out);
        }
        if (step.step() instanceof Stmt.Call c && calledWorkflow(model, c).isPresent()) {
          Decl.WorkflowDecl w = calledWorkflow(model, c).get();
          Scopes.outputs(w).forEach(o -> out.add(new Member(o.name().text(), typeOf(model, o), Optional.of(o))));
          return out;
        }
      }
      s.fields().forEach((n, ft) -> out.add(new Member(n, ft, Optional.empty())));
    }
    return out;
  }

  /**
   * Follows {@code .a.b…} from a value: the member the path ends at, or empty when a name on the
   * way is not a member.
   */
  public static Optional<Member> follow(SemanticModel model, Entity start, List<String> path) {
    Member current = new Member(start.name().text(), typeOf(model, start), Optional.of(start));
    for (String name : path) {
      Member next = null;
      for (Member m : membersOf(model, current.type(), current.entity())) {
        if (m.name().equals(name)) {
          next = m;
          break;
        }
      }
      if (next == null) {
        return Optional.empty();
      }
      current = next;
    }
    return Optional.of(current);
  }

  private static Type variable(SemanticModel model, Entity.Variable v) {
    if (v.declaredBy() instanceof Stmt.Let let) {
      return let.type().map(model::typeOf).orElseGet(() -> model.typeOf(let.value()));
    }
    if (v.declaredBy() instanceof Stmt.ForEach loop) {
      if (loop.threads()) {
        return Type.INT; // `parallel N times as t`: the thread's number
      }
      Type it = Type.required(model.typeOf(loop.iterable()));
      return it instanceof Type.ListOf l ? l.element() : Type.ERROR;
    }
    return Results.CAUGHT_ERROR;
  }

  private static Map<String, Type> types(SemanticModel model, List<Field> fields) {
    Map<String, Type> out = new LinkedHashMap<>();
    for (Field f : fields) {
      out.putIfAbsent(f.name().text(), model.typeOf(f.type()));
    }
    return out;
  }

  private static Map<String, Type> outputTypes(SemanticModel model, Decl.WorkflowDecl w) {
    Map<String, Type> out = new LinkedHashMap<>();
    w.outputs().forEach(o -> out.putIfAbsent(o.name().text(), model.typeOf(o.type())));
    return out;
  }

  private static List<Member> distinct(List<Member> members) {
    Map<String, Member> out = new LinkedHashMap<>();
    members.forEach(m -> out.putIfAbsent(m.name(), m));
    return new ArrayList<>(out.values());
  }

  /** The written type of an entity, when it has one. */
  public static Optional<TypeRef> writtenType(Entity entity) {
    if (entity instanceof Entity.Input in) {
      return Optional.of(in.input().type());
    }
    if (entity instanceof Entity.Output out) {
      return Optional.of(out.output().type());
    }
    if (entity instanceof Entity.RecordField f) {
      return Optional.of(f.field().type());
    }
    if (entity instanceof Entity.FormField f) {
      return Optional.of(f.field().type());
    }
    if (entity instanceof Entity.Parameter p) {
      return Optional.of(p.field().type());
    }
    if (entity instanceof Entity.Variable v && v.declaredBy() instanceof Stmt.Let let) {
      return let.type();
    }
    return Optional.empty();
  }
}
