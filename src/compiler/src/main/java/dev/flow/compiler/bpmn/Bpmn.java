package dev.flow.compiler.bpmn;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.ModelIndex;
import dev.flow.compiler.diagram.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
    Map<Decl.WorkflowDecl, String> exported = exportedProcessIds(index);
    for (Decl.ProcessDecl p : index.processes()) {
      if (paths.containsKey(p)) {
        String doc = join(p.clause(Clause.Goal.class).map(g -> "Goal: " + g.text()).orElse(""), p.doc().text());
        files.put(paths.get(p), file(index, p, index.workflowsOf(p), doc, exported));
      }
    }
    for (Decl.WorkflowDecl w : index.workflowsWithoutProcess()) {
      files.put(paths.get(w), file(index, w, List.of(w), "", exported));
    }
    return files;
  }

  /**
   * The process id each workflow has in the file that draws it (its first, when several processes
   * list it), for the {@code calledElement} of a call from another file. An id that two workflows
   * have in different files is left out: it would not say which one is called.
   */
  private static Map<Decl.WorkflowDecl, String> exportedProcessIds(ModelIndex index) {
    Map<Decl.WorkflowDecl, String> ids = new IdentityHashMap<>();
    List<List<Decl.WorkflowDecl>> files = new ArrayList<>();
    index.processes().stream().map(index::workflowsOf).filter(ws -> !ws.isEmpty()).forEach(files::add);
    index.workflowsWithoutProcess().forEach(w -> files.add(List.of(w)));
    for (List<Decl.WorkflowDecl> workflows : files) {
      List<String> prefixes = prefixes(workflows);
      for (int i = 0; i < workflows.size(); i++) {
        ids.putIfAbsent(workflows.get(i), prefixes.get(i) + "_Process");
      }
    }
    Map<String, Long> uses = new HashMap<>();
    ids.values().forEach(id -> uses.merge(id, 1L, Long::sum));
    ids.values().removeIf(id -> uses.get(id) > 1);
    return ids;
  }

  /** The id prefix of each workflow of a file: its name as an NCName, unique in the file. */
  private static List<String> prefixes(List<Decl.WorkflowDecl> workflows) {
    Set<String> taken = new HashSet<>();
    return workflows.stream().map(w -> Ids.unique(Ids.ncName(w.name().text()), taken)).toList();
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

  private static String file(ModelIndex index, Decl decl, List<Decl.WorkflowDecl> workflows, String documentation,
      Map<Decl.WorkflowDecl, String> exported) {
    RootElements roots = new RootElements();
    Map<Decl.WorkflowDecl, String> processIds = new IdentityHashMap<>(exported);
    List<String> prefixList = prefixes(workflows);
    for (int i = 0; i < workflows.size(); i++) {
      processIds.put(workflows.get(i), prefixList.get(i) + "_Process");
    }
    List<ProcessGraph> graphs = new ArrayList<>();
    for (int i = 0; i < workflows.size(); i++) {
      ProcessGraph g = ProcessTranslator.translate(index, workflows.get(i), prefixList.get(i), roots, processIds);
      Normalizer.normalize(g);
      graphs.add(g);
    }
    List<MessageFlows.External> externals = new ArrayList<>();
    List<MessageFlows.Handoff> handoffs = MessageFlows.handoffs(index, workflows, graphs, roots, externals);
    int width = graphs.stream().mapToInt(Layout::width).max().orElse(0);
    List<BpmnWriter.Pool> pools = new ArrayList<>();
    int top = 0;
    for (int i = 0; i < workflows.size(); i++) {
      Decl.WorkflowDecl w = workflows.get(i);
      Layout.Placement placement = Layout.place(graphs.get(i), top, width);
      pools.add(new BpmnWriter.Pool(graphs.get(i), Words.humanize(w.name().text()), w.doc().text(), placement));
      top = placement.pool().bottom() + Layout.POOL_GAP;
    }
    pools = underTheirCalls(pools, handoffs);
    // The black-box pools of workflows drawn in other files, below.
    Map<String, Layout.Bounds> externalPools = new LinkedHashMap<>();
    for (MessageFlows.External e : externals) {
      externalPools.put(e.id(), new Layout.Bounds(0, top, Math.max(width, 300), Layout.EXTERNAL_POOL));
      top += Layout.EXTERNAL_POOL + Layout.POOL_GAP;
    }
    List<BpmnWriter.MessageFlow> messageFlows = MessageFlows.place(handoffs, pools, externalPools);
    String pkg = index.packageOf(decl);
    String namespace = "https://flow.dev/bpmn/" + (pkg.isEmpty() ? "default" : pkg);
    List<BpmnWriter.ExternalPool> blackBoxes = externals.stream()
        .map(e -> new BpmnWriter.ExternalPool(e.id(), e.name(), externalPools.get(e.id()))).toList();
    return BpmnWriter.write(Ids.ncName(decl.name().text()), namespace, documentation, pools, blackBoxes, messageFlows,
        roots);
  }

  /**
   * The pools with what each called (or started) workflow draws moved right, so that the start event a message flow
   * of an earlier pool arrives at stands under (or nearer) the activity or event it comes from, as far as the pool's
   * width allows: the flow reads as a short line down rather than a run along the gap between the pools.
   */
  private static List<BpmnWriter.Pool> underTheirCalls(List<BpmnWriter.Pool> pools, List<MessageFlows.Handoff> handoffs) {
    Map<String, Integer> poolOf = new HashMap<>();
    for (int i = 0; i < pools.size(); i++) {
      for (String id : pools.get(i).placement().shapes().keySet()) {
        poolOf.put(id, i);
      }
    }
    int[] shift = new int[pools.size()];
    boolean[] moved = new boolean[pools.size()];
    for (MessageFlows.Handoff h : handoffs) {
      Integer from = poolOf.get(h.source());
      Integer to = poolOf.get(h.target());
      if (h.back() || from == null || to == null || from >= to || moved[to]
          || pools.get(to).graph().node(h.target()).type != ProcessGraph.Type.START_EVENT) {
        continue;
      }
      moved[to] = true;
      Layout.Placement target = pools.get(to).placement();
      int wanted = pools.get(from).placement().shapes().get(h.source()).centerX() + shift[from]
          - target.shapes().get(h.target()).centerX();
      shift[to] = Math.max(0, Math.min(wanted, Layout.roomOnTheRight(target)));
    }
    List<BpmnWriter.Pool> out = new ArrayList<>();
    for (int i = 0; i < pools.size(); i++) {
      BpmnWriter.Pool p = pools.get(i);
      out.add(new BpmnWriter.Pool(p.graph(), p.name(), p.documentation(), Layout.shifted(p.placement(), shift[i])));
    }
    return out;
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
