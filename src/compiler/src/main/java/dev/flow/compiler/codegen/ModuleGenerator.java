package dev.flow.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.SemanticModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * A process as a class holding its {@code ProcessDefinition}, and one {@code FlowModule} per
 * package ({@code OnboardingModule.INSTANCE}) that lists the package's workflows, processes,
 * roles and systems, with a constant per role's qualified name for users' code and tests.
 */
final class ModuleGenerator {
  private final JavaModel java;
  private final SemanticModel model;

  ModuleGenerator(JavaModel java) {
    this.java = java;
    this.model = java.model();
  }

  TypeSpec.Builder process(Decl.ProcessDecl decl) {
    CodeBlock category = decl.clause(Clause.CategoryClause.class)
        .map(c -> JavaCode.of("$S", c.category().word())).orElse(JavaCode.of("null"));
    CodeBlock goal = JavaLiterals.stringOrNull(decl.clause(Clause.Goal.class).map(Clause.Goal::text).orElse(null));
    CodeBlock owner = JavaLiterals.stringOrNull(decl.clause(Clause.Owner.class)
        .flatMap(o -> model.declarationOf(o.role())).map(java::qualified).orElse(null));
    List<CodeBlock> stakeholders = new ArrayList<>();
    decl.clauses(Clause.Stakeholders.class).forEach(s -> s.roles().forEach(r -> stakeholders.add(qualified(r))));
    List<CodeBlock> workflows = new ArrayList<>();
    decl.clauses(Clause.Workflows.class).forEach(w -> w.workflows().forEach(x -> workflows.add(qualified(x))));
    List<CodeBlock> measures = new ArrayList<>();
    for (Clause.Measure m : decl.clauses(Clause.Measure.class)) {
      CodeBlock target = m.target()
          .map(t -> JavaCode.of("$T.of($L)", RuntimeTypes.OPTIONAL, JavaLiterals.duration(t.value())))
          .orElse(JavaCode.of("$T.empty()", RuntimeTypes.OPTIONAL));
      measures.add(JavaCode.of("new $T($S, $L, $S, $S, $L)", RuntimeTypes.MEASURE, m.name().text(),
          JavaLiterals.stringOrNull(m.title().orElse(null)), milestone(m.from()), milestone(m.to()), target));
    }
    CodeBlock init = CodeBlock.builder()
        .add(JavaCode.of("new $T(\n$>$>$S,\n$L,\n$L,\n$L,\n", RuntimeTypes.PROCESS_DEFINITION,
            java.qualified(decl), category, goal, owner))
        .add(JavaCode.of("$L,\n$L,\n$L,\n$L)$<$<", list(stakeholders),
            list(workflows), list(measures), JavaText.argument(decl.doc().text())))
        .build();
    return TypeSpec.classBuilder(java.classOf(decl))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(RuntimeTypes.GENERATED)
        .addJavadoc(JavaText.javadocBlock(decl.doc().text()))
        .addField(FieldSpec.builder(RuntimeTypes.PROCESS_DEFINITION, WorkflowState.DEFINITION,
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(JavaCode.of("Process {@code $L}: its category, goal, owner, stakeholders, workflows and measures.\n",
                decl.name().text()))
            .initializer(init)
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
  }

  private CodeBlock qualified(Name reference) {
    return JavaCode.of("$S", model.declarationOf(reference).map(java::qualified).orElse(reference.text()));
  }

  /** {@code DocumentCollection.start} → {@code "com.acme.onboarding.DocumentCollection.start"}. */
  private String milestone(Clause.Milestone m) {
    String workflow = model.declarationOf(m.workflow()).map(java::qualified).orElse(m.workflow().text());
    return workflow + "." + m.point().text();
  }

  /** {@code List.of(a, b)}, one item per line when they do not fit on one. */
  private static CodeBlock list(List<CodeBlock> items) {
    CodeBlock joined = CodeBlock.join(items, ", ");
    if (items.size() < 2 || joined.toString().length() <= 60) {
      return JavaCode.of("$T.of($L)", RuntimeTypes.LIST, joined);
    }
    return JavaCode.of("$T.of(\n$>$>$L)$<$<", RuntimeTypes.LIST, CodeBlock.join(items, ",\n"));
  }

  // ---- module ----------------------------------------------------------------------------------

  TypeSpec.Builder module(String flowPackage, List<Decl> declarations) {
    ClassName name = java.moduleOf(flowPackage);
    JavaNames.Allocator constants = JavaNames.Allocator.of(java.reserved(Set.of("INSTANCE")));
    Map<Decl.RoleDecl, String> roles = new LinkedHashMap<>();
    List<CodeBlock> workflows = new ArrayList<>();
    List<CodeBlock> processes = new ArrayList<>();
    List<CodeBlock> systems = new ArrayList<>();
    for (Decl d : declarations) {
      if (d instanceof Decl.RoleDecl r) {
        roles.put(r, constants.allocate(JavaNames.constantName(r.name().text())));
      } else if (d instanceof Decl.WorkflowDecl) {
        workflows.add(JavaCode.of("$T.$L", java.classOf(d), WorkflowState.DEFINITION));
      } else if (d instanceof Decl.ProcessDecl) {
        processes.add(JavaCode.of("$T.$L", java.classOf(d), WorkflowState.DEFINITION));
      } else if (d instanceof Decl.SystemDecl s) {
        List<CodeBlock> actions = s.actions().stream().map(a -> JavaCode.of("$S", a.name().text())).toList();
        systems.add(JavaCode.of("new $T($S, $L, $T.class, $L, $L)", RuntimeTypes.SYSTEM_DEFINITION, java.qualified(s),
            JavaText.argument(s.title().orElse(s.name().text())), java.classOf(s), list(actions),
            JavaText.argument(s.doc().text())));
      }
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(RuntimeTypes.GENERATED)
        .addSuperinterface(RuntimeTypes.FLOW_MODULE)
        .addJavadoc("Everything package {@code $L} declares that the engine needs:\n"
            + "{@code Engine.builder().module($L.INSTANCE)} registers it.\n", flowPackage, name.simpleName());
    List<CodeBlock> roleDefinitions = new ArrayList<>();
    for (Map.Entry<Decl.RoleDecl, String> role : roles.entrySet()) {
      Decl.RoleDecl r = role.getKey();
      type.addField(FieldSpec.builder(RuntimeTypes.STRING, role.getValue(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc(r.doc().isEmpty()
              ? JavaCode.of("Role {@code $L}.\n", r.name().text()) : JavaText.javadocBlock(r.doc().text()))
          .initializer(JavaCode.of("$S", java.qualified(r)))
          .build());
      roleDefinitions.add(JavaCode.of("new $T($L, $L, $L)", RuntimeTypes.ROLE_DEFINITION, role.getValue(),
          JavaText.argument(r.title().orElse(r.name().text())), JavaText.argument(r.doc().text())));
    }
    type.addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(JavaCode.of("The module of package {@code $L}.\n", flowPackage))
        .initializer(JavaCode.of("new $T()", name))
        .build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(getter("packageName", RuntimeTypes.STRING, JavaCode.of("$S", flowPackage)));
    TypeName anyDefinition = ParameterizedTypeName.get(RuntimeTypes.WORKFLOW_DEFINITION,
        WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));
    type.addMethod(getter("workflows", ParameterizedTypeName.get(RuntimeTypes.LIST, anyDefinition), list(workflows)));
    type.addMethod(getter("processes", ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.PROCESS_DEFINITION),
        list(processes)));
    type.addMethod(getter("roles", ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.ROLE_DEFINITION),
        list(roleDefinitions)));
    type.addMethod(getter("systems", ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.SYSTEM_DEFINITION),
        list(systems)));
    return type;
  }

  private static MethodSpec getter(String name, TypeName type, CodeBlock value) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(RuntimeTypes.OVERRIDE)
        .addModifiers(Modifier.PUBLIC)
        .returns(type)
        .addCode(JavaCode.of("return $L;\n", value))
        .build();
  }
}
