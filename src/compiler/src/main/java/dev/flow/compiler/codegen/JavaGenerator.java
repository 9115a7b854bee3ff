package dev.flow.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

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
    // The types are built in order (the generators allocate names as they go); each file is
    // written from its type, which only reads it, on the pool while the next types are built: the
    // output is the same. The files still waiting at the end are taken back and written here, last
    // first (the pool's worker takes the oldest).
    List<Source> sources = new ArrayList<>();
    List<ForkJoinTask<String>> texts = new ArrayList<>();
    for (Map.Entry<String, List<Decl>> pkg : java.packages().entrySet()) {
      String flowPackage = pkg.getKey();
      // Types of this package shadow same-named types of java.lang and of imports: qualify those.
      String[] clashing = java.clashingTypeNames(flowPackage).toArray(String[]::new);
      for (Decl d : pkg.getValue()) {
        TypeSpec.Builder type = type(d, data, workflows, modules);
        if (type != null) {
          write(new Source(java.classOf(d), type.alwaysQualify(clashing).build()), sources, texts);
        }
        if (d instanceof Decl.ErrorDecl e) {
          write(new Source(data.exceptionOf(e), data.errorException(e).alwaysQualify(clashing).build()), sources, texts);
        }
      }
      TypeSpec module = modules.module(flowPackage, pkg.getValue()).alwaysQualify(clashing).build();
      write(new Source(java.moduleOf(flowPackage), module), sources, texts);
    }
    String[] written = new String[texts.size()];
    for (int i = texts.size() - 1; i >= 0; i--) {
      ForkJoinTask<String> text = texts.get(i);
      written[i] = text.tryUnfork() ? text.invoke() : text.join();
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (int i = 0; i < written.length; i++) {
      out.put(sources.get(i).path(), written[i]);
    }
    return Collections.unmodifiableSortedMap(out);
  }

  private static void write(Source source, List<Source> sources, List<ForkJoinTask<String>> texts) {
    sources.add(source);
    texts.add(ForkJoinPool.commonPool().submit(source::text));
  }

  /** A type to write as one source file. */
  private record Source(ClassName name, TypeSpec type) {
    String path() {
      return (name.packageName().isEmpty() ? "" : name.packageName().replace('.', '/') + "/") + name.simpleName() + ".java";
    }

    String text() {
      JavaFile file = JavaFile.builder(name.packageName(), type)
          .indent("  ")
          .skipJavaLangImports(true)
          .build();
      StringBuilder text = new StringBuilder(8192);
      try {
        file.writeTo(text);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e); // a StringBuilder does not throw
      }
      return text.toString();
    }
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
}
