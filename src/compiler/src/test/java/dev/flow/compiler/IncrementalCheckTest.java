package dev.flow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Node;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.query.Nodes;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The incremental check gives what a full check gives: random edits in a workspace of several
 * copies of the examples (each copy its own packages), the diagnostics and the model compared
 * after each edit with {@code Compiler.compile} of the same files.
 */
class IncrementalCheckTest {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package (\\S+)");
  private static final Pattern WORD = Pattern.compile("\\b[A-Za-z][A-Za-z0-9]*\\b");
  private static final Pattern DECLARED = Pattern.compile("(?m)^(?:role|system|record|enum|event) ([A-Z][A-Za-z0-9]*)");

  @Test
  void randomEditsGiveTheDiagnosticsAndModelOfAFullCheck() throws IOException {
    List<SourceFile> original = workspace(3);
    List<String> packages = new ArrayList<>();
    for (SourceFile f : original) {
      Matcher m = PACKAGE.matcher(f.text());
      if (m.find() && !packages.contains(m.group(1))) {
        packages.add(m.group(1));
      }
    }
    List<String> declared = new ArrayList<>();
    for (SourceFile f : original) {
      Matcher m = DECLARED.matcher(f.text());
      while (m.find()) {
        declared.add(m.group(1));
      }
    }
    List<SourceFile> files = new ArrayList<>(original);
    IncrementalCheck incremental = new IncrementalCheck();
    Random random = new Random(19);
    int partial = 0;
    int partialWithUnknown = 0;
    for (int edit = 0; edit < 60; edit++) {
      int i = random.nextInt(files.size());
      SourceFile before = files.get(i);
      String text = random.nextInt(3) == 0
          ? unknownName(before.text(), packages, declared, random)
          : edit(before.text(), original.get(i).text(), packages, random);
      files.set(i, new SourceFile(before.name(), text));
      Compilation got = incremental.check(files);
      Compilation want = Compiler.compile(files, Compiler.Mode.CHECK);
      String where = "edit " + edit + " of " + before.name();
      assertEquals(want.diagnostics(), got.diagnostics(), where);
      assertEquals(want.model().isPresent(), got.model().isPresent(), where);
      if (want.model().isPresent() && edit % 5 == 0) {
        assertSame(facts(want.model().get()), facts(got.model().get()), where);
      }
      if (want.model().isPresent() && incremental.lastCompiledFiles() < files.size()) {
        partial++;
        if (want.diagnostics().stream().anyMatch(d -> d.code() == Code.E100 || d.code() == Code.E103)) {
          partialWithUnknown++;
        }
      }
      if (want.model().isEmpty()) {
        files.set(i, before); // a syntax error is undone at once (the next check sees the file as before)
      }
    }
    assertTrue(partial > 40, "most checks compiled only some files: " + partial);
    assertTrue(partialWithUnknown > 25, "checks with an unknown name or import compiled only some files: " + partialWithUnknown);
  }

  @Test
  void aSuggestionFromAnotherGroupFollowsThatGroupsChanges() throws IOException {
    List<SourceFile> files = new ArrayList<>(workspace(3));
    IncrementalCheck incremental = new IncrementalCheck();
    incremental.check(files);
    int c0 = indexOf(files, "c0/examples/hiring");
    int c2 = indexOf(files, "c2/examples/hiring");
    String c2Text = files.get(c2).text();
    // An unused record in copy 2 (W002), then a copy-0 file that names it without importing it (E100 + help).
    files.set(c2, new SourceFile(files.get(c2).name(), c2Text + "\nrecord Lonely {\n  a: Text\n}\n"));
    Compilation first = incremental.check(files);
    assertEquals(Compiler.compile(files, Compiler.Mode.CHECK).diagnostics(), first.diagnostics());
    assertTrue(first.diagnostics().stream().anyMatch(d -> d.message().equals("unused record `Lonely`")));
    files.set(c0, new SourceFile(files.get(c0).name(), files.get(c0).text() + "\nrecord Probe {\n  a: Lonely\n}\n"));
    Compilation second = incremental.check(files);
    assertEquals(Compiler.compile(files, Compiler.Mode.CHECK).diagnostics(), second.diagnostics());
    Diagnostic unknown = second.diagnostics().stream().filter(d -> d.code() == Code.E100).findFirst().orElseThrow();
    assertTrue(unknown.help().orElse("").contains("is declared in package com.acme.c2."), unknown.toString());
    assertTrue(second.diagnostics().stream().noneMatch(d -> d.message().equals("unused record `Lonely`")));
    assertTrue(incremental.lastCompiledFiles() < files.size() / 2, "compiled " + incremental.lastCompiledFiles());
    // The declaration goes away in copy 2: copy 0's group (unchanged) is compiled again, its help changes.
    files.set(c2, new SourceFile(files.get(c2).name(), c2Text));
    Compilation third = incremental.check(files);
    assertEquals(Compiler.compile(files, Compiler.Mode.CHECK).diagnostics(), third.diagnostics());
    assertTrue(third.diagnostics().stream().filter(d -> d.code() == Code.E100).allMatch(d -> d.help().isEmpty()));
    assertTrue(incremental.lastCompiledFiles() < files.size(), "compiled " + incremental.lastCompiledFiles());
    // A syntax error and its fix: only the edited copy is compiled again.
    String fine = files.get(c2).text();
    files.set(c2, new SourceFile(files.get(c2).name(), fine + "\nrecord {\n"));
    assertTrue(incremental.check(files).model().isEmpty());
    files.set(c2, new SourceFile(files.get(c2).name(), fine + "\n"));
    assertEquals(Compiler.compile(files, Compiler.Mode.CHECK).diagnostics(), incremental.check(files).diagnostics());
    assertTrue(incremental.lastCompiledFiles() < files.size() / 2, "compiled " + incremental.lastCompiledFiles());
  }

  /** The two lists are equal; else fails with the first difference (the lists are long). */
  private static void assertSame(List<String> want, List<String> got, String where) {
    List<String> missing = new ArrayList<>(want);
    missing.removeAll(got);
    List<String> extra = new ArrayList<>(got);
    extra.removeAll(want);
    String first = missing.isEmpty() ? "" : missing.get(0);
    String more = extra.isEmpty() ? "" : extra.get(0);
    assertEquals(want.size() + " facts", got.size() + " facts", where + ": " + first + " / " + more);
    assertTrue(want.equals(got), where + ": expected " + first + ", got " + more);
  }

  private static int indexOf(List<SourceFile> files, String prefix) {
    return files.indexOf(files.stream().filter(f -> f.name().startsWith(prefix)).findFirst().orElseThrow());
  }

  /**
   * An edit that makes (or fixes) an unknown name or import: a word replaced by a name that another
   * package declares, an import of a package that does not exist or of one declaration of another package.
   */
  private static String unknownName(String text, List<String> packages, List<String> declared, Random random) {
    String[] lines = text.split("\n", -1);
    String other = packages.get(random.nextInt(packages.size()));
    String name = declared.get(random.nextInt(declared.size()));
    Matcher pkg = PACKAGE.matcher(text);
    switch (random.nextInt(4)) {
      case 0: {
        int line = random.nextInt(lines.length);
        Matcher m = WORD.matcher(lines[line]);
        List<int[]> words = new ArrayList<>();
        while (m.find()) {
          if (Character.isUpperCase(lines[line].charAt(m.start()))) {
            words.add(new int[] {m.start(), m.end()});
          }
        }
        if (words.isEmpty()) {
          return text;
        }
        int[] w = words.get(random.nextInt(words.size()));
        lines[line] = lines[line].substring(0, w[0]) + name + lines[line].substring(w[1]);
        return String.join("\n", lines);
      }
      case 1:
        return pkg.find() ? text.substring(0, pkg.end()) + "\n\nimport " + other + "x.*" + text.substring(pkg.end()) : text;
      case 2:
        return pkg.find() ? text.substring(0, pkg.end()) + "\n\nimport " + other + "." + name + text.substring(pkg.end()) : text;
      default:
        return text + "\nrecord Probe" + random.nextInt(3) + " {\n  a: " + name + "\n}\n";
    }
  }

  @Test
  void anEditInOneCopyCompilesOnlyThatCopy() throws IOException {
    List<SourceFile> files = new ArrayList<>(workspace(4));
    IncrementalCheck incremental = new IncrementalCheck();
    Compilation first = incremental.check(files);
    assertTrue(first.model().isPresent() && !first.hasErrors(), first.diagnostics().toString());
    int copy = (int) files.stream().filter(f -> f.name().startsWith("c0/")).count();
    int i = files.indexOf(files.stream().filter(f -> f.name().startsWith("c2/examples/hiring")).findFirst().orElseThrow());
    SourceFile f = files.get(i);
    files.set(i, new SourceFile(f.name(), f.text() + "\nrole Spare\n"));
    Compilation second = incremental.check(files);
    assertEquals(Compiler.compile(files, Compiler.Mode.CHECK).diagnostics(), second.diagnostics());
    assertTrue(second.diagnostics().stream().anyMatch(d -> d.message().equals("unused role `Spare`")));
    assertTrue(incremental.lastCompiledFiles() > 0 && incremental.lastCompiledFiles() < copy,
        "compiled " + incremental.lastCompiledFiles() + " files of " + files.size());
    assertEquals(first.units().get(0), second.units().get(0));
  }

  /** One edit: typing, a new unused role, a line removed, a name changed, a package or import moved, or undone. */
  private static String edit(String text, String original, List<String> packages, Random random) {
    String[] lines = text.split("\n", -1);
    int line = random.nextInt(lines.length);
    switch (random.nextInt(9)) {
      case 0:
        return text + "\nrole Extra" + random.nextInt(3) + "\n";
      case 1: {
        List<String> out = new ArrayList<>(List.of(lines));
        out.remove(line);
        return String.join("\n", out);
      }
      case 2: {
        Matcher m = WORD.matcher(lines[line]);
        List<int[]> words = new ArrayList<>();
        while (m.find()) {
          words.add(new int[] {m.start(), m.end()});
        }
        if (words.isEmpty()) {
          return text;
        }
        int[] w = words.get(random.nextInt(words.size()));
        lines[line] = lines[line].substring(0, w[0]) + lines[line].substring(w[0], w[1]) + "x" + lines[line].substring(w[1]);
        return String.join("\n", lines);
      }
      case 3:
        return PACKAGE.matcher(text).replaceFirst("package " + packages.get(random.nextInt(packages.size())));
      case 4: {
        Matcher m = PACKAGE.matcher(text);
        if (!m.find()) {
          return text;
        }
        String other = packages.get(random.nextInt(packages.size()));
        return text.substring(0, m.end()) + "\n\nimport " + other + ".*" + text.substring(m.end());
      }
      case 5:
        return text.replaceFirst("\"", "\"x");
      case 6:
        return text + "\nrole Extra0\nrecord Extra0 {\n  a: Text\n}\n";
      default:
        return original;
    }
  }

  /** What the model says about every name, written type and expression, as text. */
  static List<String> facts(SemanticModel model) {
    List<String> out = new ArrayList<>();
    for (var unit : model.units()) {
      Deque<Node> todo = new ArrayDeque<>();
      todo.push(unit);
      while (!todo.isEmpty()) {
        Node n = todo.pop();
        if (n instanceof Name name) {
          out.add(n.span() + " " + model.declarationOf(name).map(d -> d.name().span().toString()).orElse("-")
              + " " + model.symbolOf(name).map(s -> s.getClass().getSimpleName()).orElse("-"));
        } else if (n instanceof Expr e) {
          out.add(n.span() + " " + model.typeOf(e));
        } else if (n instanceof TypeRef t) {
          out.add(n.span() + " " + model.typeOf(t));
        }
        Nodes.children(n).forEach(todo::push);
      }
    }
    model.declarations().forEach(d -> out.add(d.name().span() + " in " + model.packageOf(d)));
    return out;
  }

  /** {@code copies} copies of the examples, each with its packages renamed. */
  static List<SourceFile> workspace(int copies) throws IOException {
    Path root = Checkout.root();
    List<SourceFile> seed = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root.resolve("examples"))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".flow")).sorted().toList()) {
        seed.add(new SourceFile(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    List<SourceFile> out = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      for (SourceFile f : seed) {
        out.add(new SourceFile("c" + c + "/" + f.name(), f.text().replace("com.acme.", "com.acme.c" + c + ".")));
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }
}
