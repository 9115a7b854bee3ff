package dev.flow.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.flow.compiler.ast.Block;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Java names of a whole model, worked out once before any code is written: the class of
 * every declaration, the module class of every package, the nested records of every workflow
 * (its {@code Input}, {@code Output} and forms), the component names of every record, the method
 * names of every system. Names are allocated in source order, so the same model always gets the
 * same names.
 */
final class JavaModel {
  /** A Java record that holds a Flow record-like value: its class and its components by Flow name. */
  record Shape(ClassName name, Map<String, Component> components) {
    Shape {
      components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    Component component(String flowName) {
      Component c = components.get(flowName);
      if (c == null) {
        throw new IllegalStateException(name + " has no component " + flowName);
      }
      return c;
    }
  }

  /** One component of a {@link Shape}. */
  record Component(String flowName, String javaName, Type flowType, TypeName javaType) {}

  /**
   * The nested types of a workflow class: its inputs, outputs, forms, and the class that holds
   * the state of one iteration of each {@code for each … in parallel} that declares any.
   */
  record WorkflowTypes(ClassName input, ClassName output, Map<Stmt.HumanStep, ClassName> forms,
      Map<Stmt, ClassName> iterations) {}

  private final SemanticModel model;
  private final Map<Decl, ClassName> classes = new IdentityHashMap<>();
  private final Map<String, ClassName> modules = new TreeMap<>();
  private final Map<String, List<Decl>> packages = new TreeMap<>();
  private final Map<String, Set<String>> typeNames = new HashMap<>();
  private final Map<ClassName, Shape> shapes = new HashMap<>();
  private final Map<Decl.WorkflowDecl, WorkflowTypes> workflows = new IdentityHashMap<>();
  private final Map<Decl.SystemDecl, Map<String, String>> methods = new IdentityHashMap<>();
  private final Map<Decl.SystemDecl, Map<String, String>> actionConstants = new IdentityHashMap<>();
  private final Map<Decl.EnumDecl, Map<String, String>> constants = new IdentityHashMap<>();
  private final Set<String> roots = new java.util.HashSet<>(JavaNames.PACKAGE_ROOTS);
  /** Names no type may have: package roots and the fixed variables and fields of generated classes, which would obscure it. */
  private final Set<String> notTypes = new java.util.HashSet<>(JavaNames.FIXED_VARIABLES);
  private static final Set<String> RUNTIME_NAMES = RuntimeTypes.simpleNames();
  private final Set<String> typeLike = new java.util.HashSet<>(RUNTIME_NAMES);
  private final Map<String, Integer> declaringPackages = new HashMap<>();

  private JavaModel(SemanticModel model) {
    this.model = model;
  }

  static JavaModel of(SemanticModel model) {
    JavaModel names = new JavaModel(model);
    names.allocateTypes();
    names.allocateNestedTypes();
    names.allocateMembers();
    return names;
  }

  /**
   * The names no field, local, parameter, record component or enum constant may have, together
   * with {@code more}: package roots (a variable {@code java} would obscure {@code java.util}),
   * and the simple names of every type generated code refers to (a variable {@code Objects}
   * would obscure {@code Objects.requireNonNull}).
   */
  Set<String> reserved(Set<String> more) {
    // a view, not a copy: the model's type names may be many, and this is asked for every scope
    return new java.util.AbstractSet<>() {
      @Override
      public boolean contains(Object name) {
        return more.contains(name) || roots.contains(name) || typeLike.contains(name);
      }

      @Override
      public java.util.Iterator<String> iterator() {
        return java.util.stream.Stream.of(more, roots, typeLike).flatMap(Set::stream).distinct().iterator();
      }

      @Override
      public int size() {
        return (int) java.util.stream.Stream.of(more, roots, typeLike).flatMap(Set::stream).distinct().count();
      }
    };
  }

  SemanticModel model() {
    return model;
  }

  /** Every Flow package with its declarations in source order, packages sorted by name. */
  Map<String, List<Decl>> packages() {
    return packages;
  }

  /** The class generated for a record, event, enum, system, workflow or process. */
  ClassName classOf(Decl decl) {
    ClassName c = classes.get(decl);
    if (c == null) {
      throw new IllegalStateException("no class for " + decl.kind() + " " + decl.name().text());
    }
    return c;
  }

  /** The module class of a Flow package. */
  ClassName moduleOf(String flowPackage) {
    return modules.get(flowPackage);
  }

  /** The simple names of every top-level type generated in a Flow package (to qualify other types of the same name). */
  Set<String> typeNames(String flowPackage) {
    return typeNames.getOrDefault(flowPackage, Set.of());
  }

  /**
   * The simple names of the types of a Flow package that other types generated code refers to
   * also have (a runtime or JDK type, or a type of another package): JavaPoet must write those in
   * full. Only these, not every type of the package: JavaPoet's {@code alwaysQualify} costs time
   * in the number of names, for every file.
   */
  Set<String> clashingTypeNames(String flowPackage) {
    Set<String> out = new java.util.TreeSet<>();
    for (String name : typeNames(flowPackage)) {
      if (RUNTIME_NAMES.contains(name) || declaringPackages.getOrDefault(name, 0) > 1) {
        out.add(name);
      }
    }
    return out;
  }

  /** Whether a class is a record this model knows the components of. */
  boolean hasShape(ClassName record) {
    return shapes.containsKey(record);
  }

  Shape shape(ClassName record) {
    Shape s = shapes.get(record);
    if (s == null) {
      throw new IllegalStateException("no record shape for " + record);
    }
    return s;
  }

  WorkflowTypes workflowTypes(Decl.WorkflowDecl workflow) {
    return workflows.get(workflow);
  }

  /** The Java method name of a system's action. */
  String method(Decl.SystemDecl system, String action) {
    return methods.get(system).get(action);
  }

  /** The constant of a system's interface that holds an action as data ({@code Drive.CREATE_FOLDER}). */
  String actionConstant(Decl.SystemDecl system, String action) {
    return actionConstants.get(system).get(action);
  }

  /** The Java name of an enum constant (its Flow name unless that is a Java keyword). */
  String constant(Decl.EnumDecl decl, String flowName) {
    return constants.get(decl).get(flowName);
  }

  /** A declaration's qualified Flow name: {@code com.acme.onboarding.AccountManager}. */
  String qualified(Decl decl) {
    String pkg = model.packageOf(decl);
    return pkg.isEmpty() ? decl.name().text() : pkg + "." + decl.name().text();
  }

  // ---- types -------------------------------------------------------------------------------

  /** The Java type of a Flow value type: {@code long} and {@code boolean} unless optional. */
  TypeName type(Type t) {
    if (t == Type.INT) {
      return TypeName.LONG;
    }
    if (t == Type.BOOL) {
      return TypeName.BOOLEAN;
    }
    return boxed(t);
  }

  /** The Java reference type of a Flow value type ({@code Long}, {@code Boolean}), as in a list or an optional. */
  TypeName boxed(Type t) {
    if (t instanceof Type.Optional o) {
      return boxed(o.inner());
    }
    if (t instanceof Type.Primitive p) {
      return switch (p) {
        case TEXT -> RuntimeTypes.STRING;
        case INT -> RuntimeTypes.LONG;
        case DECIMAL -> RuntimeTypes.BIG_DECIMAL;
        case BOOL -> RuntimeTypes.BOOLEAN;
        case DATE -> RuntimeTypes.LOCAL_DATE;
        case TIMESTAMP -> RuntimeTypes.INSTANT;
        case DURATION -> RuntimeTypes.DURATION;
      };
    }
    if (t instanceof Type.ListOf l) {
      return ParameterizedTypeName.get(RuntimeTypes.LIST, boxed(l.element()));
    }
    if (t instanceof Type.Declared d && classes.containsKey(d.decl())) {
      return classes.get(d.decl());
    }
    if (t instanceof Type.Struct s) {
      if (s.fields().equals(dev.flow.compiler.check.types.Results.APPROVAL.fields())
          || s.fields().equals(dev.flow.compiler.check.types.Results.APPROVAL_FORM.fields())) {
        return RuntimeTypes.APPROVAL;
      }
      if (s.fields().equals(dev.flow.compiler.check.types.Results.CAUGHT_ERROR.fields())) {
        return RuntimeTypes.FLOW_ERROR;
      }
    }
    return RuntimeTypes.OBJECT;
  }

  // ---- allocation --------------------------------------------------------------------------

  private void allocateTypes() {
    for (Decl d : model.declarations()) {
      packages.computeIfAbsent(model.packageOf(d), p -> new ArrayList<>()).add(d);
    }
    for (String flowPackage : packages.keySet()) {
      String javaPackage = JavaNames.javaPackage(flowPackage);
      if (!javaPackage.isEmpty()) {
        roots.add(javaPackage.split("\\.")[0]);
      }
    }
    notTypes.addAll(roots);
    for (Map.Entry<String, List<Decl>> e : packages.entrySet()) {
      String flowPackage = e.getKey();
      String javaPackage = JavaNames.javaPackage(flowPackage);
      JavaNames.Allocator names = JavaNames.Allocator.forTypes(Set.of(), notTypes);
      Set<String> simple = new LinkedHashSet<>();
      for (Decl d : e.getValue()) {
        if (!(d instanceof Decl.RoleDecl)) {
          String name = names.allocate(d.name().text());
          classes.put(d, ClassName.get(javaPackage, name));
          simple.add(name);
        }
      }
      String module = names.allocate(moduleName(flowPackage));
      modules.put(flowPackage, ClassName.get(javaPackage, module));
      simple.add(module);
      typeNames.put(flowPackage, Set.copyOf(simple));
      typeLike.addAll(simple);
      simple.forEach(n -> declaringPackages.merge(n, 1, Integer::sum));
    }
  }

  /** {@code com.acme.onboarding} → {@code OnboardingModule}. */
  private static String moduleName(String flowPackage) {
    String last = flowPackage.substring(flowPackage.lastIndexOf('.') + 1);
    return JavaNames.capitalize(last.isEmpty() ? "flow" : last) + "Module";
  }

  private void allocateMembers() {
    shapes.put(RuntimeTypes.APPROVAL, new Shape(RuntimeTypes.APPROVAL, components(
        new Component("approved", "approved", Type.BOOL, TypeName.BOOLEAN),
        new Component("comment", "comment", Type.optional(Type.TEXT), RuntimeTypes.STRING))));
    shapes.put(RuntimeTypes.FLOW_ERROR, new Shape(RuntimeTypes.FLOW_ERROR, components(
        new Component("step", "step", Type.TEXT, RuntimeTypes.STRING),
        new Component("message", "message", Type.TEXT, RuntimeTypes.STRING))));
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.RecordDecl r) {
        shapes.put(classOf(d), shape(classOf(d), r.fields(), Set.of()));
      } else if (d instanceof Decl.EventDecl e) {
        shapes.put(classOf(d), shape(classOf(d), e.fields(), Set.of()));
      } else if (d instanceof Decl.ErrorDecl e) {
        shapes.put(classOf(d), shape(classOf(d), e.fields(), Set.of()));
      } else if (d instanceof Decl.SystemDecl s) {
        JavaNames.Allocator names = JavaNames.Allocator.of(JavaNames.OBJECT_METHODS);
        Map<String, String> byAction = new LinkedHashMap<>();
        for (Decl.ActionDecl a : s.actions()) {
          byAction.put(a.name().text(), names.allocate(a.name().text()));
        }
        methods.put(s, byAction);
        // The interface's constants share its namespace with its methods, so none reads like one.
        JavaNames.Allocator fields = JavaNames.Allocator.of(Set.copyOf(byAction.values()));
        Map<String, String> constantByAction = new LinkedHashMap<>();
        for (String action : byAction.keySet()) {
          constantByAction.put(action, fields.allocate(JavaNames.constantName(action)));
        }
        actionConstants.put(s, constantByAction);
      } else if (d instanceof Decl.EnumDecl e) {
        JavaNames.Allocator names = JavaNames.Allocator.of(reserved(Set.of()));
        Map<String, String> byName = new LinkedHashMap<>();
        for (Decl.EnumConstant c : e.constants()) {
          byName.computeIfAbsent(c.name().text(), names::allocate);
        }
        constants.put(e, byName);
      } else if (d instanceof Decl.WorkflowDecl w) {
        workflow(w);
      }
    }
  }

  /** Whether a block declares a variable or a step, in it or in a block inside it. */
  private static boolean declaresState(Block block) {
    boolean[] found = {false};
    StatementTree.forEach(block, s -> found[0] |= s instanceof Stmt.Let || s instanceof Stmt.Named);
    return found[0];
  }

  /** The nested types of every workflow (its {@code Input}, {@code Output} and forms), before any variable is named. */
  private void allocateNestedTypes() {
    for (Decl d : model.declarations()) {
      if (d instanceof Decl.WorkflowDecl w) {
        ClassName owner = classOf(w);
        JavaNames.Allocator nested = JavaNames.Allocator.forTypes(Set.of(owner.simpleName()), notTypes);
        ClassName input = owner.nestedClass(nested.allocate("Input"));
        ClassName output = owner.nestedClass(nested.allocate("Output"));
        Map<Stmt.HumanStep, ClassName> forms = new IdentityOrderedMap<>();
        for (Stmt.HumanStep h : humanSteps(w.body(), new ArrayList<>())) {
          if (!h.form().isEmpty()) {
            forms.put(h, owner.nestedClass(nested.allocate(JavaNames.capitalize(h.name().text()) + "Form")));
          }
        }
        Map<Stmt, ClassName> iterations = new IdentityHashMap<>();
        StatementTree.forEach(w.body(), s -> {
          if (s instanceof Stmt.ForEach f && f.parallel() && declaresState(f.body())) {
            iterations.put(f, owner.nestedClass(nested.allocate(JavaNames.capitalize(f.variable().text()) + "Iteration")));
          } else if (s instanceof Stmt.ForEachArriving a && declaresState(a.body())) {
            iterations.put(a, owner.nestedClass(nested.allocate(JavaNames.capitalize(a.variable().text()) + "Iteration")));
          }
        });
        workflows.put(w, new WorkflowTypes(input, output, forms, iterations));
        iterations.values().forEach(c -> typeLike.add(c.simpleName()));
        typeLike.add(input.simpleName());
        typeLike.add(output.simpleName());
        forms.values().forEach(f -> typeLike.add(f.simpleName()));
      }
    }
  }

  private void workflow(Decl.WorkflowDecl w) {
    WorkflowTypes types = workflows.get(w);
    ClassName input = types.input();
    ClassName output = types.output();
    for (Map.Entry<Stmt.HumanStep, ClassName> f : types.forms().entrySet()) {
      shapes.put(f.getValue(), shape(f.getValue(), f.getKey().form(), Set.of("FORM")));
    }
    List<Field> inputs = w.inputs().stream().map(i -> new Field(i.name(), i.type(), i.doc(), i.span())).toList();
    List<Field> outputs = w.outputs().stream().map(o -> new Field(o.name(), o.type(), o.doc(), o.span())).toList();
    shapes.put(input, shape(input, inputs, Set.of()));
    shapes.put(output, shape(output, outputs, Set.of()));
  }

  private Shape shape(ClassName name, List<Field> fields, Set<String> reserved) {
    Set<String> forbidden = new java.util.HashSet<>(JavaNames.FORBIDDEN_COMPONENTS);
    forbidden.addAll(reserved);
    JavaNames.Allocator names = JavaNames.Allocator.of(reserved(forbidden));
    Map<String, Component> components = new LinkedHashMap<>();
    for (Field f : fields) {
      if (components.containsKey(f.name().text())) {
        continue; // a duplicate is an error the checker reported; the first counts
      }
      Type t = model.typeOf(f.type());
      components.put(f.name().text(), new Component(f.name().text(), names.allocate(f.name().text()), t, type(t)));
    }
    return new Shape(name, components);
  }

  private static Map<String, Component> components(Component... all) {
    Map<String, Component> out = new LinkedHashMap<>();
    for (Component c : all) {
      out.put(c.flowName(), c);
    }
    return out;
  }

  /** Every human step of a block, nested ones included, in source order. */
  static List<Stmt.HumanStep> humanSteps(Block block, List<Stmt.HumanStep> out) {
    for (Stmt s : block.statements()) {
      if (s instanceof Stmt.HumanStep h) {
        out.add(h);
      }
      for (Block b : StatementTree.blocks(s)) {
        humanSteps(b, out);
      }
    }
    return out;
  }
}
