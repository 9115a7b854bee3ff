package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Import;
import dev.flow.compiler.check.AfterErrors;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.flow.FlowChecks;
import dev.flow.compiler.check.resolve.Resolver;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.source.SourceFile;
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
 * an unknown name or import (E100, E103) is explained with what other packages declare, and that
 * suggestion counts as a use of the declaration it names. While any file has an E100 or E103
 * (before or after the change), the whole workspace is compiled together, as a full check.
 *
 * <p>Not thread-safe: one check at a time.
 */
public final class IncrementalCheck {
  /** A group of files compiled together: its files (in order), their diagnostics and model part. */
  private record Group(
      List<SourceFile> files,
      List<Diagnostic> diagnostics,
      List<Diagnostic> relating,
      boolean hasErrors,
      SemanticModel model) {}

  private final ParseCache cache = new ParseCache();
  /** The packages each unit of the last check links (see {@link #links}), kept while the unit is. */
  private Map<CompilationUnit, List<String>> links = new IdentityHashMap<>();
  /** The groups of the last check, each by its first file. */
  private Map<SourceFile, Group> groups = new IdentityHashMap<>();
  /** Whether the last result had a diagnostic that depends on the whole workspace. */
  private boolean lastGlobal;
  private int compiledFiles;
  private int compiledGroups;

  /** The files that the last {@link #check} resolved and checked (for tests and logs). */
  public int lastCompiledFiles() {
    return compiledFiles;
  }

  /** The groups that the last {@link #check} resolved and checked ({@code -1}: a full check). */
  public int lastCompiledGroups() {
    return compiledGroups;
  }

  /** Checks {@code files} (sorted by name, as {@code flowc check} gives them); equals a full check. */
  public Compilation check(List<SourceFile> files) {
    Diagnostics parse = new Diagnostics();
    List<CompilationUnit> units = new ArrayList<>();
    cache.start();
    for (SourceFile file : files) {
      cache.parse(file, parse).ifPresent(units::add);
    }
    if (parse.hasErrors()) {
      groups = new IdentityHashMap<>();
      lastGlobal = true;
      compiledFiles = 0;
      compiledGroups = 0;
      return new Compilation(units, Optional.empty(), parse.sorted());
    }
    if (lastGlobal) {
      return full(files);
    }
    Map<SourceFile, Group> next = new IdentityHashMap<>();
    List<Group> all = new ArrayList<>();
    compiledFiles = 0;
    compiledGroups = 0;
    for (List<CompilationUnit> members : partition(units)) {
      SourceFile first = members.get(0).file();
      Group before = groups.get(first);
      Group group = before != null && sameFiles(before.files(), members) ? before : compile(members);
      next.put(first, group);
      all.add(group);
    }
    groups = next;
    boolean anyErrors = all.stream().anyMatch(Group::hasErrors);
    Diagnostics merged = new Diagnostics();
    for (Group g : all) {
      merged.addAll(g.diagnostics());
      if (!anyErrors) {
        merged.addAll(g.relating());
      }
    }
    List<Diagnostic> sorted = merged.sorted();
    if (global(sorted)) {
      return full(files);
    }
    lastGlobal = false;
    Map<SourceFile, SemanticModel> byFile = new IdentityHashMap<>();
    for (Group g : all) {
      g.files().forEach(f -> byFile.put(f, g.model()));
    }
    SemanticModel model = new MergedModel(units, byFile);
    return new Compilation(units, Optional.of(model), sorted);
  }

  /**
   * The whole workspace compiled together. No group is kept: the next check compiles every group
   * (once the diagnostics that depend on the whole workspace are gone).
   */
  private Compilation full(List<SourceFile> files) {
    Compilation c = Compiler.compile(files, Compiler.Mode.CHECK, cache);
    lastGlobal = global(c.diagnostics());
    groups = new IdentityHashMap<>();
    compiledFiles = files.size();
    compiledGroups = -1;
    return c;
  }

  private static boolean global(List<Diagnostic> diagnostics) {
    return diagnostics.stream().anyMatch(d -> d.code() == Code.E100 || d.code() == Code.E103);
  }

  private static boolean sameFiles(List<SourceFile> files, List<CompilationUnit> members) {
    if (files.size() != members.size()) {
      return false;
    }
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i) != members.get(i).file()) {
        return false;
      }
    }
    return true;
  }

  /** One group compiled alone, as {@link Compiler#compile} does, with the relating checks' diagnostics apart. */
  private Group compile(List<CompilationUnit> units) {
    compiledFiles += units.size();
    compiledGroups++;
    Diagnostics diagnostics = new Diagnostics();
    SemanticModel model = Resolver.resolve(units, diagnostics);
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
    return new Group(units.stream().map(CompilationUnit::file).toList(), List.copyOf(own),
        List.copyOf(relating), !earlier.isEmpty(), model);
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
      s.addAll(g.files());
      out.add(Collections.unmodifiableSet(s));
    }
    return out;
  }
}
