package dev.flow.compiler.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/**
 * The Java types generated code refers to: flow-runtime's API and a few JDK classes. The
 * runtime is named, not linked: the compiler never loads generated code's classes.
 */
final class RuntimeTypes {
  private RuntimeTypes() {}

  private static final String RUNTIME = "dev.flow.runtime";

  static final ClassName ACTION = ClassName.get(RUNTIME, "Action");
  static final ClassName DECLARED_ERROR = ClassName.get(RUNTIME, "DeclaredError");
  static final ClassName ACTION_STEP = ClassName.get(RUNTIME, "ActionStep");
  static final ClassName APPROVAL = ClassName.get(RUNTIME, "Approval");
  static final ClassName APPROVAL_STEP = ClassName.get(RUNTIME, "ApprovalStep");
  static final ClassName COMPLETED = ClassName.get(RUNTIME, "Completed");
  static final ClassName BRANCH = ClassName.get(RUNTIME, "Branch");
  static final ClassName CALL_STEP = ClassName.get(RUNTIME, "CallStep");
  static final ClassName EXPRESSIONS = ClassName.get(RUNTIME, "Expressions");
  static final ClassName FLOW_CONTEXT = ClassName.get(RUNTIME, "FlowContext");
  static final ClassName FLOW_ERROR = ClassName.get(RUNTIME, "FlowError");
  static final ClassName FLOW_MODULE = ClassName.get(RUNTIME, "FlowModule");
  static final ClassName FLOW_NAME = ClassName.get(RUNTIME, "FlowName");
  static final ClassName FLOW_OPTIONAL = ClassName.get(RUNTIME, "FlowOptional");
  static final ClassName FORM = ClassName.get(RUNTIME, "Form");
  static final ClassName FORM_FIELD = ClassName.get(RUNTIME, "FormField");
  static final ClassName PROCESS_DEFINITION = ClassName.get(RUNTIME, "ProcessDefinition");
  static final ClassName MEASURE = PROCESS_DEFINITION.nestedClass("Measure");
  static final ClassName RECEIVE_STEP = ClassName.get(RUNTIME, "ReceiveStep");
  static final ClassName RECIPIENT = ClassName.get(RUNTIME, "Recipient");
  static final ClassName RETRY_POLICY = ClassName.get(RUNTIME, "RetryPolicy");
  static final ClassName ROLE_DEFINITION = ClassName.get(RUNTIME, "RoleDefinition");
  static final ClassName SCHEDULE = ClassName.get(RUNTIME, "Schedule");
  static final ClassName SEGMENT = ClassName.get(RUNTIME, "Segment");
  static final ClassName SYSTEM_DEFINITION = ClassName.get(RUNTIME, "SystemDefinition");
  static final ClassName TASK_STEP = ClassName.get(RUNTIME, "TaskStep");
  static final ClassName VALUE_TYPE = ClassName.get(RUNTIME, "ValueType");
  static final ClassName WORKFLOW = ClassName.get(RUNTIME, "Workflow");
  static final ClassName WORKFLOW_DEFINITION = ClassName.get(RUNTIME, "WorkflowDefinition");

  static final ClassName STRING = ClassName.get("java.lang", "String");
  static final ClassName LONG = ClassName.get("java.lang", "Long");
  static final ClassName BOOLEAN = ClassName.get("java.lang", "Boolean");
  static final ClassName OBJECT = ClassName.get("java.lang", "Object");
  static final ClassName VOID = ClassName.get("java.lang", "Void");
  static final ClassName MATH = ClassName.get("java.lang", "Math");
  static final ClassName OVERRIDE = ClassName.get("java.lang", "Override");
  static final ClassName SUPPRESS_WARNINGS = ClassName.get("java.lang", "SuppressWarnings");
  static final ClassName BIG_DECIMAL = ClassName.get("java.math", "BigDecimal");
  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName INSTANT = ClassName.get("java.time", "Instant");
  static final ClassName LOCAL_DATE = ClassName.get("java.time", "LocalDate");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  static final ClassName INT_STREAM = ClassName.get("java.util.stream", "IntStream");

  /**
   * Types of {@code java.lang}, which every file sees without an import: a type of the model's
   * package of such a name must be written in full, and no variable may have one.
   */
  private static final java.util.Set<String> JAVA_LANG = java.util.Set.of("Appendable", "AutoCloseable", "Boolean",
      "Byte", "CharSequence", "Character", "Class", "ClassLoader", "Cloneable", "Comparable", "Deprecated", "Double",
      "Enum", "Error", "Exception", "Float", "FunctionalInterface", "Integer", "Iterable", "Long", "Math", "Module",
      "Number", "Object", "Override", "Package", "Process", "Readable", "Record", "Runnable", "Runtime",
      "RuntimeException", "SafeVarargs", "Short", "StrictMath", "String", "StringBuilder", "SuppressWarnings", "System",
      "Thread", "Throwable", "Void");

  /**
   * The simple names of every type generated code refers to by its simple name: a variable of
   * that name would obscure the type (JLS §6.4.2), so no field, local or parameter gets one.
   */
  static java.util.Set<String> simpleNames() {
    java.util.Set<String> names = new java.util.HashSet<>(JAVA_LANG);
    names.add("Generated");
    for (java.lang.reflect.Field f : RuntimeTypes.class.getDeclaredFields()) {
      if (f.getType() == ClassName.class) {
        try {
          names.add(((ClassName) f.get(null)).simpleName());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return java.util.Set.copyOf(names);
  }

  /** What generated code is marked with: {@code @Generated("dev.flow.compiler")}, no date (output is deterministic). */
  static final AnnotationSpec GENERATED = AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
      .addMember("value", "$S", "dev.flow.compiler")
      .build();
}
