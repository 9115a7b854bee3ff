package dev.flow.compiler.bpmn;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.compiler.diagram.Words;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * BPMN 2.0 XML of a checked model: one file per process, {@code <package>/<Process>.bpmn}, with a
 * pool per workflow of the process (in the order of its {@code workflows} clause), lanes per role
 * and system, and a layout (diagram interchange) so that bpmn.io and Camunda Modeler open it
 * readably; a workflow in no process gets a file of its own, {@code <package>/<Workflow>.bpmn}.
 * Reads only the checked model; the same model gives the same bytes.
 */
public final class Bpmn {
  private Bpmn() {}

  /** Every BPMN file of the model: relative path (with {@code /}) to XML, sorted by path. */
  public static SortedMap<String, String> files(SemanticModel model) {
    ModelIndex index = new ModelIndex(model);
    SortedMap<String, String> files = new TreeMap<>();
    Map<Decl, String> paths = paths(index);
    for (Decl.ProcessDecl p : index.processes()) {
      if (paths.containsKey(p)) {
        String doc = join(p.clause(Clause.Goal.class).map(g -> "Goal: " + g.text()).orElse(""), p.doc().text());
        files.put(paths.get(p), file(index, p, index.workflowsOf(p), doc));
      }
    }
    for (Decl.WorkflowDecl w : index.workflowsWithoutProcess()) {
      files.put(paths.get(w), file(index, w, List.of(w), ""));
    }
    return files;
  }

  /**
   * The file that draws each process (with workflows) and each workflow: a workflow's is its
   * process's file, or its own when it is in no process.
   */
  public static Map<Decl, String> paths(ModelIndex index) {
    Map<Decl, String> paths = new IdentityHashMap<>();
    Set<String> taken = new HashSet<>();
    for (Decl.ProcessDecl p : index.processes()) {
      if (!index.workflowsOf(p).isEmpty()) {
        String path = path(index, p, taken);
        paths.put(p, path);
        index.workflowsOf(p).forEach(w -> paths.putIfAbsent(w, path));
      }
    }
    for (Decl.WorkflowDecl w : index.workflowsWithoutProcess()) {
      paths.put(w, path(index, w, taken));
    }
    return paths;
  }

  private static String file(ModelIndex index, Decl decl, List<Decl.WorkflowDecl> workflows, String documentation) {
    RootElements roots = new RootElements();
    Set<String> prefixes = new HashSet<>();
    Map<Decl.WorkflowDecl, String> processIds = new IdentityHashMap<>();
    List<String> prefixList = new ArrayList<>();
    for (Decl.WorkflowDecl w : workflows) {
      String prefix = Ids.unique(Ids.ncName(w.name().text()), prefixes);
      prefixList.add(prefix);
      processIds.put(w, prefix + "_Process");
    }
    List<ProcessGraph> graphs = new ArrayList<>();
    for (int i = 0; i < workflows.size(); i++) {
      ProcessGraph g = ProcessTranslator.translate(index, workflows.get(i), prefixList.get(i), roots, processIds);
      Normalizer.normalize(g);
      graphs.add(g);
    }
    int width = graphs.stream().mapToInt(Layout::width).max().orElse(0);
    List<BpmnWriter.Pool> pools = new ArrayList<>();
    int top = 0;
    for (int i = 0; i < workflows.size(); i++) {
      Decl.WorkflowDecl w = workflows.get(i);
      Layout.Placement placement = Layout.place(graphs.get(i), top, width);
      pools.add(new BpmnWriter.Pool(graphs.get(i), Words.humanize(w.name().text()), w.doc().text(), placement));
      top = placement.pool().bottom() + 40;
    }
    String pkg = index.packageOf(decl);
    String namespace = "https://flow.dev/bpmn/" + (pkg.isEmpty() ? "default" : pkg);
    return BpmnWriter.write(Ids.ncName(decl.name().text()), namespace, documentation, pools, roots);
  }

  private static String path(ModelIndex index, Decl decl, Set<String> taken) {
    String pkg = index.packageOf(decl);
    String base = (pkg.isEmpty() ? "" : pkg + "/") + decl.name().text();
    String path = base + ".bpmn";
    for (int n = 2; !taken.add(path.toLowerCase(Locale.ROOT)); n++) {
      path = base + "-" + n + ".bpmn";
    }
    return path;
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n\n" + b;
  }
}
