package dev.flow.compiler.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Doc;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.check.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Records, events, enums and systems as Java: a {@code record} (list fields copied to
 * unmodifiable lists, fields that are not optional checked not to be {@code null}), an
 * {@code enum}, and for a system the interface a connector implements.
 */
final class DataTypes {
  private final JavaModel java;

  DataTypes(JavaModel java) {
    this.java = java;
  }

  TypeSpec.Builder record(Decl decl, List<Field> fields) {
    return record(java.shape(java.classOf(decl)), decl.doc(), docs(fields));
  }

  /**
   * A Java record for a shape: components in order; in the compact constructor, a required
   * reference checked with {@code Objects.requireNonNull} and a list copied.
   */
  TypeSpec.Builder record(JavaModel.Shape shape, Doc doc, Map<String, Doc> fieldDocs) {
    return record(shape, JavaText.javadocBlock(doc.text()), fieldDocs);
  }

  /** A Java record for a shape, with a Javadoc already made. */
  TypeSpec.Builder record(JavaModel.Shape shape, CodeBlock doc, Map<String, Doc> fieldDocs) {
    TypeSpec.Builder type = TypeSpec.recordBuilder(shape.name())
        .addModifiers(Modifier.PUBLIC)
        .addAnnotation(RuntimeTypes.GENERATED);
    CodeBlock.Builder javadoc = CodeBlock.builder().add(doc);
    List<CodeBlock> params = new ArrayList<>();
    MethodSpec.Builder constructor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    boolean checks = false;
    for (JavaModel.Component c : shape.components().values()) {
      ParameterSpec.Builder component = ParameterSpec.builder(c.javaType(), c.javaName());
      if (!c.javaName().equals(c.flowName())) {
        component.addAnnotation(flowName(c.flowName()));
      }
      if (c.flowType().isOptional()) {
        component.addAnnotation(RuntimeTypes.FLOW_OPTIONAL);
      }
      constructor.addParameter(component.build());
      Doc fieldDoc = fieldDocs.getOrDefault(c.flowName(), Doc.NONE);
      if (!fieldDoc.isEmpty()) {
        params.add(JavaCode.of("@param $L $L\n", c.javaName(), JavaText.javadoc(fieldDoc.text().strip())));
      }
      if (!c.flowType().isOptional() && !c.javaType().isPrimitive()) {
        constructor.addStatement(JavaCode.of("$T.requireNonNull($L, $S)", RuntimeTypes.OBJECTS, c.javaName(), c.flowName()));
        checks = true;
      }
    }
    for (JavaModel.Component c : shape.components().values()) {
      Type t = c.flowType();
      if (Type.required(t) instanceof Type.ListOf l) {
        boolean plain = !t.isOptional() && !l.element().isOptional();
        constructor.addStatement(JavaCode.of("$L = $T.copyOf($L)", c.javaName(),
          plain ? RuntimeTypes.LIST : RuntimeTypes.EXPRESSIONS,
            c.javaName()));
        checks = true;
      }
    }
    if (!params.isEmpty()) {
      if (!javadoc.isEmpty()) {
        javadoc.add("\n");
      }
      params.forEach(javadoc::add);
    }
    if (!javadoc.isEmpty()) {
      type.addJavadoc(javadoc.build());
    }
    if (!checks && shape.components().isEmpty()) {
      return type.recordConstructor(MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC).build());
    }
    return type.recordConstructor(constructor.build());
  }

  /** {@code @FlowName("class")} on what has another name in Java. */
  static AnnotationSpec flowName(String name) {
    return AnnotationSpec.builder(RuntimeTypes.FLOW_NAME).addMember("value", "$S", name).build();
  }

  static Map<String, Doc> docs(List<Field> fields) {
    Map<String, Doc> out = new LinkedHashMap<>();
    fields.forEach(f -> out.putIfAbsent(f.name().text(), f.doc()));
    return out;
  }

  TypeSpec.Builder enumType(Decl.EnumDecl decl) {
    ClassName name = java.classOf(decl);
    TypeSpec.Builder type = TypeSpec.enumBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .addAnnotation(RuntimeTypes.GENERATED)
        .addJavadoc(JavaText.javadocBlock(decl.doc().text()));
    List<String> renamed = new ArrayList<>();
    for (Decl.EnumConstant c : decl.constants()) {
      String javaName = java.constant(decl, c.name().text());
      if (type.build().enumConstants().containsKey(javaName)) {
        continue; // a duplicate, reported by the checker
      }
      boolean isRenamed = !javaName.equals(c.name().text());
      if (c.doc().isEmpty() && !isRenamed) {
        type.addEnumConstant(javaName);
      } else {
        TypeSpec.Builder constant = TypeSpec.anonymousClassBuilder("").addJavadoc(JavaText.javadocBlock(c.doc().text()));
        if (isRenamed) {
          constant.addAnnotation(flowName(c.name().text()));
          renamed.add(c.name().text());
        }
        type.addEnumConstant(javaName, constant.build());
      }
    }
    if (!renamed.isEmpty()) {
      // A constant named like a Java keyword has another Java name; text still shows its Flow name.
      CodeBlock.Builder body = CodeBlock.builder().add("return switch (this) {\n$>");
      for (String flowName : renamed) {
        body.add(JavaCode.of("case $L -> $S;\n", java.constant(decl, flowName), flowName));
      }
      body.add("default -> name();\n$<};\n");
      type.addMethod(MethodSpec.methodBuilder("toString")
          .addAnnotation(RuntimeTypes.OVERRIDE)
          .addModifiers(Modifier.PUBLIC)
          .returns(RuntimeTypes.STRING)
          .addCode(body.build())
          .build());
    }
    return type;
  }

  /** A system's connector interface: one method per action, which may throw (the engine retries). */
  TypeSpec.Builder systemInterface(Decl.SystemDecl decl) {
    ClassName name = java.classOf(decl);
    CodeBlock.Builder doc = CodeBlock.builder().add(JavaText.javadocBlock(decl.doc().text()));
    if (decl.title().isPresent()) {
      doc.add(doc.isEmpty() ? "" : "\n").add(JavaCode.of("<p>Shown as \"$L\".\n", JavaText.javadoc(decl.title().get())));
    }
    doc.add(doc.isEmpty() ? "" : "\n")
        .add(JavaCode.of("<p>The connector of system {@code $L}: implement it once and give it to the engine.\n",
        decl.name().text()));
    TypeSpec.Builder type = TypeSpec.interfaceBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .addAnnotation(RuntimeTypes.GENERATED)
        .addJavadoc(doc.build());
    for (Decl.ActionDecl action : decl.actions()) {
      String method = java.method(decl, action.name().text());
      if (method == null || type.build().methodSpecs().stream().anyMatch(m -> m.name().equals(method))) {
        continue; // a duplicate, reported by the checker
      }
      MethodSpec.Builder m = MethodSpec.methodBuilder(method)
          .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
          .addJavadoc(JavaText.javadocBlock(action.doc().text()));
      for (Decl.ErrorDecl error : errors(action)) {
        m.addException(exceptionOf(error));
        m.addJavadoc(JavaCode.of("@throws $T when it ends with the business outcome {@code $L}: not retried\n",
            exceptionOf(error), error.name().text()));
      }
      m.addException(Exception.class);
      JavaNames.Allocator names = JavaNames.Allocator.of(java.reserved(Set.of()));
      for (Field p : action.parameters()) {
        m.addParameter(java.type(java.model().typeOf(p.type())), names.allocate(p.name().text()));
      }
      m.returns(action.result().map(r -> java.type(java.model().typeOf(r))).orElse(TypeName.VOID));
      type.addMethod(m.build());
      type.addField(actionConstant(decl, action, method));
    }
    return type;
  }

  /**
   * An action as data, for the steps that call it and the engine that performs it:
   * {@code Action<Drive, String> CREATE_FOLDER = Action.of(Drive.class, "…Drive", "createFolder",
   * List.of("client"), ValueType.of(String.class), (drive, args) -> drive.createFolder((String) args[0]))}.
   */
  private FieldSpec actionConstant(Decl.SystemDecl decl, Decl.ActionDecl action, String method) {
    ClassName system = java.classOf(decl);
    Type result = action.result().map(r -> java.model().typeOf(r)).orElse(Type.VOID);
    TypeName resultJava = result == Type.VOID ? RuntimeTypes.VOID : java.type(result).box();
    JavaNames.Allocator locals = JavaNames.Allocator.of(Set.of());
    String connector = locals.allocate(JavaNames.decapitalize(system.simpleName()));
    String args = locals.allocate("args");
    List<CodeBlock> names = new ArrayList<>();
    List<CodeBlock> arguments = new ArrayList<>();
    boolean unchecked = false;
    for (Field p : action.parameters()) {
      TypeName parameter = java.type(java.model().typeOf(p.type()));
      unchecked |= parameter instanceof ParameterizedTypeName;
      names.add(JavaCode.of("$S", p.name().text()));
      arguments.add(JavaCode.of("($T) $L[$L]", parameter, args, arguments.size()));
    }
    CodeBlock call = JavaCode.of("$L.$L($L)", connector, method, CodeBlock.join(arguments, ", "));
    CodeBlock invoker = result == Type.VOID
        ? JavaCode.of("($L, $L) -> {\n$>$L;\nreturn null;\n$<}", connector, args, call)
        : JavaCode.of("($L, $L) -> $L", connector, args, call);
    CodeBlock init = JavaCode.of("$T.of($T.class, $S, $S,\n$>$>$T.of($L), $L,\n$L)$<$<", RuntimeTypes.ACTION, system,
        java.qualified(decl), action.name().text(), RuntimeTypes.LIST, CodeBlock.join(names, ", "), valueType(result),
        invoker);
    List<Decl.ErrorDecl> errors = errors(action);
    if (!errors.isEmpty()) {
      init = JavaCode.of("$L\n$>$>.fails($T.of($L))$<$<", init, RuntimeTypes.LIST,
          CodeBlock.join(errors.stream().map(e -> JavaCode.of("$T.class", java.classOf(e))).toList(), ", "));
    }
    FieldSpec.Builder field = FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.ACTION, system, resultJava),
            java.actionConstant(decl, action.name().text()), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(JavaCode.of(
            "Action {@code $L} as data: its parameters, the type of its result and how the engine calls it.\n",
            action.name().text()))
        .initializer(init);
    if (unchecked) {
      field.addAnnotation(AnnotationSpec.builder(RuntimeTypes.SUPPRESS_WARNINGS).addMember("value", "$S", "unchecked").build());
    }
    return field.build();
  }

  /** The errors an action declares ({@code fails CardDeclined, …}), resolved, in order. */
  private List<Decl.ErrorDecl> errors(Decl.ActionDecl action) {
    List<Decl.ErrorDecl> out = new ArrayList<>();
    for (dev.flow.compiler.ast.Name n : action.fails()) {
      java.model().declarationOf(n).filter(d -> d instanceof Decl.ErrorDecl).map(d -> (Decl.ErrorDecl) d)
          .filter(d -> !out.contains(d)).ifPresent(out::add);
    }
    return out;
  }

  /** The exception a connector throws for an error: {@code CardDeclinedException}, beside the error's record. */
  ClassName exceptionOf(Decl.ErrorDecl error) {
    ClassName record = java.classOf(error);
    return record.peerClass(record.simpleName() + "Exception");
  }

  /** An {@code error} declaration's value: a record like a {@code record}'s. */
  TypeSpec.Builder errorType(Decl.ErrorDecl error) {
    return record(error, error.fields());
  }

  /**
   * The exception a connector throws to end an action with a declared error:
   * {@code throw new CardDeclinedException("expired")} or {@code new CardDeclinedException(new CardDeclined(…))}.
   */
  TypeSpec.Builder errorException(Decl.ErrorDecl error) {
    ClassName record = java.classOf(error);
    ClassName name = exceptionOf(error);
    JavaModel.Shape shape = java.shape(record);
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(RuntimeTypes.DECLARED_ERROR)
        .addAnnotation(RuntimeTypes.GENERATED)
        .addJavadoc("A connector throws it to end an action that {@code fails $L} with that business outcome:\n"
            + "the step fails at once, without retries, and a {@code catch x: $L} receives its value.\n",
            error.name().text(), error.name().text())
        .addField(FieldSpec.builder(TypeName.LONG, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("1L").build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
            .addParameter(record, "error")
            .addStatement("super(error)")
            .build());
    MethodSpec.Builder fields = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("The error made from its fields.\n");
    List<CodeBlock> args = new ArrayList<>();
    for (JavaModel.Component c : shape.components().values()) {
      fields.addParameter(c.javaType(), c.javaName());
      args.add(JavaCode.of("$L", c.javaName()));
    }
    fields.addStatement(JavaCode.of("this(new $T($L))", record, CodeBlock.join(args, ", ")));
    type.addMethod(fields.build());
    type.addMethod(MethodSpec.methodBuilder("error")
        .addAnnotation(RuntimeTypes.OVERRIDE)
        .addModifiers(Modifier.PUBLIC)
        .returns(record)
        .addStatement(JavaCode.of("return ($T) super.error()", record))
        .build());
    return type;
  }

  /**
   * The declared type of an action's result, for the codec and the engine's check of a missing result:
   * {@code ValueType.listOf(ValueType.of(Document.class))}, {@code ValueType.optional(ValueType.of(String.class))}.
   */
  private CodeBlock valueType(Type t) {
    if (t == Type.VOID) {
      return JavaCode.of("$T.NONE", RuntimeTypes.VALUE_TYPE);
    }
    Type r = Type.required(t);
    CodeBlock required = r instanceof Type.ListOf l
        ? JavaCode.of("$T.listOf($L)", RuntimeTypes.VALUE_TYPE, valueType(l.element()))
        : JavaCode.of("$T.of($T.class)", RuntimeTypes.VALUE_TYPE, java.boxed(r));
    return t.isOptional() ? JavaCode.of("$T.optional($L)", RuntimeTypes.VALUE_TYPE, required) : required;
  }
}
