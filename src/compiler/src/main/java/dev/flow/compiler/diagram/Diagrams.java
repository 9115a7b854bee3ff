package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.check.SemanticModel;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Mermaid diagrams of a checked model: a flowchart per workflow, a map per process and the
 * landscape of all processes. Reads only the checked model (AST and {@link SemanticModel}); the
 * same model always gives the same text, byte for byte.
 *
 * <p>Files are named after the package and the declaration: {@code
 * com.acme.onboarding/DocumentCollection.workflow.mmd}, {@code
 * com.acme.onboarding/ClientOnboarding.process.mmd}, and {@code landscape.mmd} at the top (only
 * when the model has a process). Declarations of the unnamed package sit at the top too.
 *
 * <p>A workflow's reader's chart that does not fit a laptop screen is an overview and detail
 * charts ({@link #workflowCharts}): {@code DocumentCollection.workflow.mmd} is the overview and
 * {@code DocumentCollection.workflow.<part>.mmd} the chart of each part it folds into a box.
 * Charts with lanes are split too, top to bottom or left to right; charts with detail, and
 * {@link Options#whole}, stay whole.
 */
public final class Diagrams {
  private Diagrams() {}

  /** What the files hold. */
  public enum Format {
    /** Mermaid text, {@code .mmd}. */
    MERMAID(".mmd"),
    /** A Markdown page with a heading and the diagram in a {@code mermaid} fence, {@code .md}. */
    MARKDOWN(".md");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /**
   * How diagrams are drawn and written.
   *
   * @param lanes workflow flowcharts group their nodes in one subgraph (swimlane) per role or system
   * @param format Mermaid files or Markdown pages
   * @param detail workflow flowcharts also show data statements ({@code let}, {@code set}), the
   *     action each system step calls with its timeout and retries, conditions as expressions and
   *     message templates; without it they show what a business reader needs
   * @param whole a workflow's chart is one chart even when it does not fit a screen (no overview
   *     and details)
   */
  public record Options(boolean lanes, Format format, boolean detail, boolean whole) {
    public static final Options DEFAULT = new Options(false, Format.MERMAID, false, false);

    public Options(boolean lanes, Format format) {
      this(lanes, format, false, false);
    }

    public Options(boolean lanes, Format format, boolean detail) {
      this(lanes, format, detail, false);
    }

    /** Whether a workflow's chart may be split into an overview and details. */
    boolean split() {
      return !detail && !whole;
    }
  }

  /**
   * One chart of a workflow: the overview (key {@code ""}, or the whole chart) or the chart of a
   * part the overview folds into a box.
   *
   * @param key {@code ""} or the part's key: a step's name or {@code part<n>}, unique in the workflow
   * @param title {@code ""} or the part in words
   */
  public record Chart(String key, String title, String mermaid) {}

  /**
   * The reader's chart of a workflow as charts that each fit a laptop screen (1,440 × 900) where the
   * workflow allows: the whole chart alone when it fits, else the overview first and then the
   * chart of each part, each after the chart it is folded in.
   *
   * @param href where a folded part's box links to, from the part's key (an anchor, a file name)
   */
  public static List<Chart> workflowCharts(ModelIndex index, Decl.WorkflowDecl workflow, UnaryOperator<String> href) {
    return workflowCharts(index, workflow, href, false);
  }

  /** The same, with lanes when {@code lanes}: see {@code WorkflowDiagram.parts}. */
  public static List<Chart> workflowCharts(ModelIndex index, Decl.WorkflowDecl workflow, UnaryOperator<String> href,
      boolean lanes) {
    return WorkflowDiagram.parts(index, workflow, href, lanes).stream()
        .map(p -> new Chart(p.key(), p.title(), FlowchartRenderer.render(p.graph(), lanes))).toList();
  }

  /**
   * Every diagram of the model as {@code .mmd} files: relative path (with {@code /}) to Mermaid
   * text, sorted by path. This is what {@code flowc compile --diagrams DIR} writes.
   */
  public static SortedMap<String, String> files(SemanticModel model) {
    return files(model, Options.DEFAULT);
  }

  /** Every diagram of the model: relative path to file content, sorted by path. */
  public static SortedMap<String, String> files(SemanticModel model, Options options) {
    ModelIndex index = new ModelIndex(model);
    Map<Decl, String> paths = paths(index, options.format());
    SortedMap<String, String> files = new TreeMap<>();
    for (Decl.WorkflowDecl w : index.workflows()) {
      String path = paths.get(w);
      if (!options.split()) {
        files.put(path, wrap(workflow(index, w, options.lanes(), options.detail()), "Workflow", index.qualifiedName(w), options));
        continue;
      }
      String base = path.substring(0, path.length() - options.format().extension().length());
      String file = base.substring(base.lastIndexOf('/') + 1);
      for (Chart chart : workflowCharts(index, w, key -> file + "." + key + options.format().extension(), options.lanes())) {
        if (chart.key().isEmpty()) {
          files.put(path, wrap(chart.mermaid(), "Workflow", index.qualifiedName(w), options));
        } else {
          files.put(base + "." + chart.key() + options.format().extension(),
              wrap(chart.mermaid(), "Workflow", index.qualifiedName(w) + "`, part `" + chart.key(), options));
        }
      }
    }
    for (Decl.ProcessDecl p : index.processes()) {
      files.put(paths.get(p), wrap(processMap(index, p), "Process", index.qualifiedName(p), options));
    }
    if (!index.processes().isEmpty()) {
      files.put(LANDSCAPE + options.format().extension(), wrap(landscape(index), "Process landscape", "", options));
    }
    return files;
  }

  /** The base name of the landscape's file. */
  public static final String LANDSCAPE = "landscape";

  /** The flowchart of one workflow ({@code flowchart TD}), for a business reader. */
  public static String workflow(ModelIndex index, Decl.WorkflowDecl workflow, boolean lanes) {
    return workflow(index, workflow, lanes, false);
  }

  /** The flowchart of one workflow ({@code flowchart TD}); {@code detail}: see {@link Options}. */
  public static String workflow(ModelIndex index, Decl.WorkflowDecl workflow, boolean lanes, boolean detail) {
    return FlowchartRenderer.render(WorkflowDiagram.of(index, workflow, lanes, detail), lanes);
  }

  /** The map of one process ({@code flowchart TB}). */
  public static String processMap(ModelIndex index, Decl.ProcessDecl process) {
    return FlowchartRenderer.render(ProcessMapDiagram.of(index, process), false);
  }

  /** Every process, grouped by category ({@code flowchart TB}). */
  public static String landscape(ModelIndex index) {
    return FlowchartRenderer.render(LandscapeDiagram.of(index), false);
  }

  /**
   * The files of a workflow's charts among {@code files}: its overview at {@code path} and the
   * details next to it ({@code <Name>.workflow.<part><ext>}).
   */
  public static SortedMap<String, String> chartsOf(SortedMap<String, String> files, String path, Format format) {
    String base = path.substring(0, path.length() - format.extension().length()) + ".";
    SortedMap<String, String> out = new TreeMap<>();
    files.forEach((p, text) -> {
      if (p.equals(path) || p.startsWith(base) && p.endsWith(format.extension())
          && p.substring(base.length()).indexOf('.') == p.substring(base.length()).length() - format.extension().length()) {
        out.put(p, text);
      }
    });
    return out;
  }

  /**
   * The file of each workflow and process, relative and with {@code /}: {@code
   * <package>/<Name>.workflow<ext>}, {@code <package>/<Name>.process<ext>}. Names that differ only
   * in case get a {@code -2}, {@code -3} suffix, so that no two files collide on a file system
   * that ignores case.
   */
  public static Map<Decl, String> paths(ModelIndex index, Format format) {
    Map<Decl, String> paths = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    taken.add((LANDSCAPE + format.extension()).toLowerCase(Locale.ROOT));
    taken.add(("index" + format.extension()).toLowerCase(Locale.ROOT));
    for (Decl.WorkflowDecl w : index.workflows()) {
      paths.put(w, allocate(index, w, ".workflow", format, taken));
    }
    for (Decl.ProcessDecl p : index.processes()) {
      paths.put(p, allocate(index, p, ".process", format, taken));
    }
    return paths;
  }

  private static String allocate(ModelIndex index, Decl decl, String kind, Format format, Set<String> taken) {
    String pkg = index.packageOf(decl);
    String base = (pkg.isEmpty() ? "" : pkg + "/") + decl.name().text() + kind;
    String path = base + format.extension();
    for (int n = 2; !taken.add(path.toLowerCase(Locale.ROOT)); n++) {
      path = base + "-" + n + format.extension();
    }
    return path;
  }

  /** A Markdown page around a diagram, or the diagram itself. */
  private static String wrap(String mermaid, String what, String name, Options options) {
    if (options.format() == Format.MERMAID) {
      return mermaid;
    }
    return "# " + what + (name.isEmpty() ? "" : " `" + name + "`") + "\n\n" + fence(mermaid);
  }

  /** A diagram in a Markdown {@code mermaid} fence. */
  public static String fence(String mermaid) {
    return "```mermaid\n" + mermaid + "```\n";
  }
}
