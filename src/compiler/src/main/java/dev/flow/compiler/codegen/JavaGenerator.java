package dev.flow.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Java generator (DESIGN.md, "Generated Java"): turns a checked model into Java sources that
 * depend only on flow-runtime and the JDK. For each Flow package (the Java package has the same
 * name): a {@code record} per record and event, an {@code enum} per enum, an interface per
 * system, a class per workflow and per process, and one {@code FlowModule}.
 *
 * <p>The output is deterministic: the same model gives byte-identical sources (no dates, names
 * allocated in source order, files sorted by path). The model must be free of errors: generate
 * only from a {@code Compilation} without errors, compiled in {@code Compiler.Mode.GENERATE}.
 */
public final class JavaGenerator {
  private JavaGenerator() {}

  /**
   * Generates the Java sources of a checked model.
   *
   * @return each source by its path relative to the output directory
   *     ({@code com/acme/onboarding/DocumentCollection.java}), sorted by path
   */
  public static SortedMap<String, String> generate(SemanticModel model) {
    JavaModel java = JavaModel.of(model);
    DataTypes data = new DataTypes(java);
    WorkflowGenerator workflows = new WorkflowGenerator(java, data);
    ModuleGenerator modules = new ModuleGenerator(java);
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, List<Decl>> pkg : java.packages().entrySet()) {
      String flowPackage = pkg.getKey();
      for (Decl d : pkg.getValue()) {
        TypeSpec.Builder type = type(d, data, workflows, modules);
        if (type != null) {
          write(java, flowPackage, java.classOf(d), type, out);
        }
        if (d instanceof Decl.ErrorDecl e) {
          write(java, flowPackage, data.exceptionOf(e), data.errorException(e), out);
        }
      }
      write(java, flowPackage, java.moduleOf(flowPackage), modules.module(flowPackage, pkg.getValue()), out);
    }
    return Collections.unmodifiableSortedMap(out);
  }

  private static TypeSpec.Builder type(Decl d, DataTypes data, WorkflowGenerator workflows, ModuleGenerator modules) {
    if (d instanceof Decl.RecordDecl r) {
      return data.record(r, r.fields());
    } else if (d instanceof Decl.EventDecl e) {
      return data.record(e, e.fields());
    } else if (d instanceof Decl.ErrorDecl e) {
      return data.errorType(e);
    } else if (d instanceof Decl.EnumDecl e) {
      return data.enumType(e);
    } else if (d instanceof Decl.SystemDecl s) {
      return data.systemInterface(s);
    } else if (d instanceof Decl.WorkflowDecl w) {
      return workflows.workflow(w);
    } else if (d instanceof Decl.ProcessDecl p) {
      return modules.process(p);
    }
    return null; // a role is a name, not a type: its module lists it
  }

  private static void write(JavaModel java, String flowPackage, ClassName name, TypeSpec.Builder type, Map<String, String> out) {
    // Types of this package shadow same-named types of java.lang and of imports: qualify those.
    TypeSpec qualified = type.alwaysQualify(java.clashingTypeNames(flowPackage).toArray(String[]::new)).build();
    JavaFile file = JavaFile.builder(name.packageName(), qualified)
        .indent("  ")
        .skipJavaLangImports(true)
        .build();
    String path = (name.packageName().isEmpty() ? "" : name.packageName().replace('.', '/') + "/")
        + name.simpleName() + ".java";
    out.put(path, file.toString());
  }
}
