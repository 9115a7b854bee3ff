package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Import;
import dev.flow.compiler.check.AfterErrors;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.flow.FlowChecks;
import dev.flow.compiler.check.resolve.Elsewhere;
import dev.flow.compiler.check.resolve.PackageDeclarations;
import dev.flow.compiler.check.resolve.Resolver;
import dev.flow.compiler.check.resolve.Usages;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Compiler.compile(files, Mode.CHECK)} again and again over a changing set of files (what
 * the language server does on each edit), re-resolving and re-checking only the files that changed
 * and the files that depend on them. The result is the same compilation as a full check.
 *
 * <p>The files fall into groups by the names they share: a file belongs with the other files of
 * its package and with every package it imports (an import is the only way a file names another
 * package's declarations). Names, types, unused declarations (W002) and the flow checks of one
 * group never look at another group, so a group whose files are all unchanged (the same
 * {@link SourceFile} objects) keeps its diagnostics and its part of the model, and only the other
 * groups are compiled, each alone; the parts are then merged ({@link MergedModel}).
 *
 * <p>Three things reach across groups in a full check, and are kept so here: a syntax error in any
 * file stops the check before names are resolved (then the result is the parse diagnostics of
 * every file, as in a full check); a check that relates declarations runs only on a model without
 * errors anywhere (its diagnostics are dropped from every group when any group has an error); and
 * an unknown name or import (E100, E103) is explained with what other packages declare. For that
 * last one, a group is resolved against the declarations of the whole workspace
 * ({@link Elsewhere}), and it keeps the questions it asked them (which packages declare
 * {@code X}, which packages there are) with their answers: an unchanged group is compiled again
 * when an answer has changed. What such a suggestion names counts as used, and an unknown name
 * means that no declaration of the kinds it could have named is reported unused (W002) anywhere:
 * both are applied across groups when their diagnostics are merged.
 *
 * <p>Not thread-safe: one check at a time.
 */
public final class IncrementalCheck {
  /** A group of files compiled together: its files (in order), their diagnostics and model part. */
  private record Group(
      List<CompilationUnit> units,
      List<Diagnostic> diagnostics,
      List<Diagnostic> relating,
      boolean hasErrors,
      SemanticModel model,
      Usages usages,
      List<Question> asked,
      Map<Diagnostic, Decl> unused) {
    /** Whether this group's names reach declarations of other groups (a suggestion, an unknown name). */
    boolean reaches() {
      return usages.blindsAny() || !asked.isEmpty();
    }
  }

  /** A question a group asked about the whole workspace, with its answer then. */
  private record Question(String kind, String name, String except, Object answer) {
    boolean sameAnswer(Elsewhere now) {
      switch (kind) {
        case "packages":
          return answer.equals(List.copyOf(now.packages()));
        case "declaring":
          return answer.equals(now.packagesDeclaring(name, except));
        default:
          return ((Optional<?>) answer).orElse(null) == now.lookup(name, except).orElse(null);
      }
    }
  }

  /** {@link Elsewhere} that writes down each question and its answer. */
  private static final class Asking implements Elsewhere {
    private final Elsewhere to;
    private final List<Question> asked = new ArrayList<>();

    Asking(Elsewhere to) {
      this.to = to;
    }

    @Override
    public Set<String> packages() {
      Set<String> answer = to.packages();
      asked.add(new Question("packages", "", "", List.copyOf(answer)));
      return answer;
    }

    @Override
    public List<String> packagesDeclaring(String name, String except) {
      List<String> answer = to.packagesDeclaring(name, except);
      asked.add(new Question("declaring", name, except, answer));
      return answer;
    }

    @Override
    public Optional<Decl> lookup(String pkg, String name) {
      Optional<Decl> answer = to.lookup(pkg, name);
      asked.add(new Question("lookup", pkg, name, answer));
      return answer;
    }
  }

  private final ParseCache cache = new ParseCache();
  /** The packages each unit of the last check links (see {@link #links}), kept while the unit is. */
  private Map<CompilationUnit, List<String>> links = new IdentityHashMap<>();
  /** The groups of the last check, each by its first file. */
  private Map<SourceFile, Group> groups = new IdentityHashMap<>();
  private int compiledFiles;
  private int compiledGroups;

  /** The files that the last {@link #check} resolved and checked (for tests and logs). */
  public int lastCompiledFiles() {
    return compiledFiles;
  }

  /** The groups that the last {@link #check} resolved and checked. */
  public int lastCompiledGroups() {
    return compiledGroups;
  }

  /** Checks {@code files} (sorted by name, as {@code flowc check} gives them); equals a full check. */
  public Compilation check(List<SourceFile> files) {
    Diagnostics parse = new Diagnostics();
    List<CompilationUnit> units = new ArrayList<>();
    cache.start();
    cache.parseAll(files, ParallelParse.Settings.fromProperties(), units, parse);
    if (parse.hasErrors()) {
      // The groups of the last check stay: once the syntax error is fixed, only what changed is compiled.
      compiledFiles = 0;
      compiledGroups = 0;
      return new Compilation(units, Optional.empty(), parse.sorted());
    }
    PackageDeclarations index = PackageDeclarations.of(units);
    Map<SourceFile, Group> next = new IdentityHashMap<>();
    List<Group> all = new ArrayList<>();
    compiledFiles = 0;
    compiledGroups = 0;
    for (List<CompilationUnit> members : partition(units)) {
      SourceFile first = members.get(0).file();
      Group before = groups.get(first);
      Group group = before != null && sameUnits(before.units(), members) && sameAnswers(before, index)
          ? before
          : compile(members, index);
      next.put(first, group);
      all.add(group);
    }
    groups = next;
    boolean anyErrors = all.stream().anyMatch(Group::hasErrors);
    List<Group> reaching = all.stream().filter(Group::reaches).toList();
    Diagnostics merged = new Diagnostics();
    for (Group g : all) {
      for (Diagnostic d : g.diagnostics()) {
        Decl decl = g.unused().get(d);
        if (decl == null || reaching.stream().noneMatch(r -> r != g && (r.usages().isUsed(decl) || r.usages().blinds(decl)))) {
          merged.add(d);
        }
      }
      if (!anyErrors) {
        merged.addAll(g.relating());
      }
    }
    List<Diagnostic> sorted = merged.sorted();
    Map<SourceFile, SemanticModel> byFile = new IdentityHashMap<>();
    for (Group g : all) {
      g.units().forEach(u -> byFile.put(u.file(), g.model()));
    }
    SemanticModel model = new MergedModel(units, byFile);
    return new Compilation(units, Optional.of(model), sorted);
  }

  private static boolean sameAnswers(Group group, Elsewhere now) {
    return group.asked().stream().allMatch(q -> q.sameAnswer(now));
  }

  /** The same parsed units (a file parsed again, after a syntax error elsewhere, is a new unit: its model is new too). */
  private static boolean sameUnits(List<CompilationUnit> units, List<CompilationUnit> members) {
    if (units.size() != members.size()) {
      return false;
    }
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i) != members.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** One group compiled alone, as {@link Compiler#compile} does, with the relating checks' diagnostics apart. */
  private Group compile(List<CompilationUnit> units, Elsewhere index) {
    compiledFiles += units.size();
    compiledGroups++;
    Diagnostics diagnostics = new Diagnostics();
    Asking asking = new Asking(index);
    Usages usages = new Usages();
    SemanticModel model = Resolver.resolve(units, diagnostics, asking, usages);
    List<Diagnostic> earlier = diagnostics.list().stream().filter(d -> d.isError() && d.code() != Code.E105).toList();
    AfterErrors afterErrors = new AfterErrors(units, earlier);
    List<Diagnostic> own = new ArrayList<>(diagnostics.list());
    List<Diagnostic> relating = new ArrayList<>();
    for (Check check : FlowChecks.all()) {
      if (afterErrors.runs(check.reach())) {
        for (Diagnostic d : check.check(model)) {
          if (afterErrors.keep(check.reach(), d)) {
            (check.reach() == Check.Reach.MODEL ? relating : own).add(d);
          }
        }
      }
    }
    Map<SourceSpan, Decl> declared = new HashMap<>();
    units.forEach(u -> u.declarations().forEach(d -> declared.put(d.name().span(), d)));
    Map<Diagnostic, Decl> unused = new IdentityHashMap<>();
    for (Diagnostic d : own) {
      Decl decl = d.code() == Code.W002 ? declared.get(d.span()) : null;
      if (decl != null) {
        unused.put(d, decl);
      }
    }
    return new Group(List.copyOf(units), List.copyOf(own),
        List.copyOf(relating), !earlier.isEmpty(), model, usages, List.copyOf(asking.asked), unused);
  }

  /**
   * The units in groups: a file joins the package it declares and every package it imports (by
   * name and, for a single import, the package the name is in). Each group keeps the order of
   * {@code units}; groups come in the order of their first file.
   */
  List<List<CompilationUnit>> partition(List<CompilationUnit> units) {
    Map<CompilationUnit, List<String>> seen = new IdentityHashMap<>();
    Map<String, String> parent = new HashMap<>();
    for (CompilationUnit unit : units) {
      List<String> names = links.get(unit);
      if (names == null) {
        names = links(unit);
      }
      seen.put(unit, names);
      String pkg = names.get(0);
      find(parent, pkg);
      for (int i = 1; i < names.size(); i++) {
        union(parent, pkg, names.get(i));
      }
    }
    links = seen;
    Map<String, List<CompilationUnit>> byRoot = new LinkedHashMap<>();
    for (CompilationUnit unit : units) {
      byRoot.computeIfAbsent(find(parent, seen.get(unit).get(0)), r -> new ArrayList<>()).add(unit);
    }
    return new ArrayList<>(byRoot.values());
  }

  /** The package a unit declares, then every package it imports (by name and, for a single import, its qualifier). */
  private static List<String> links(CompilationUnit unit) {
    List<String> names = new ArrayList<>();
    names.add(unit.packageText());
    for (Import imp : unit.imports()) {
      names.add(imp.name().text());
      if (!imp.wildcard()) {
        names.add(imp.name().qualifier());
      }
    }
    return List.copyOf(names);
  }

  private static String find(Map<String, String> parent, String x) {
    String root = x;
    String p;
    while (!(p = parent.computeIfAbsent(root, k -> k)).equals(root)) {
      root = p;
    }
    String at = x;
    while (!at.equals(root)) {
      String up = parent.get(at);
      parent.put(at, root);
      at = up;
    }
    return root;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(rb, ra);
    }
  }

  /** For tests: an unmodifiable view of the files of each group of the last check. */
  List<Set<SourceFile>> groupFiles() {
    List<Set<SourceFile>> out = new ArrayList<>();
    for (Group g : groups.values()) {
      Set<SourceFile> s = Collections.newSetFromMap(new IdentityHashMap<>());
      g.units().forEach(u -> s.add(u.file()));
      out.add(Collections.unmodifiableSet(s));
    }
    return out;
  }
}
