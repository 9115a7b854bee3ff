package dev.flow.compiler;

import dev.flow.compiler.diag.Fix;
import dev.flow.compiler.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Suggests a package for a file without one, from its folder (E105's help line). */
final class PackageSuggestion {
  private PackageSuggestion() {}

  static String forFile(SourceFile file) {
    return "add `package " + packageFor(file) + "` as the first line";
  }

  /** E105's fix: the suggested package as the file's first line. */
  static Fix fixFor(SourceFile file) {
    String line = "package " + packageFor(file);
    return Fix.replace("add `" + line + "`", file.span(0, 0), line + "\n\n");
  }

  /** A package name from the file's folders after a source root, or its last folder. */
  static String packageFor(SourceFile file) {
    Path parent;
    try {
      parent = Path.of(file.name()).toAbsolutePath().normalize().getParent();
    } catch (RuntimeException e) {
      parent = null;
    }
    List<String> segments = new ArrayList<>();
    if (parent != null) {
      // Use the folders after a conventional source root when there is one, else the last folder.
      List<String> all = new ArrayList<>();
      for (Path p : parent) {
        all.add(p.toString());
      }
      int root = Math.max(all.lastIndexOf("flow"), all.lastIndexOf("java"));
      List<String> chosen = root >= 0 && root < all.size() - 1
          ? all.subList(root + 1, all.size())
          : all.isEmpty() ? List.of() : all.subList(all.size() - 1, all.size());
      for (String s : chosen) {
        String id = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
        if (!id.isEmpty() && !Character.isDigit(id.charAt(0))) {
          segments.add(id);
        }
      }
    }
    return segments.isEmpty() ? "com.example.flows" : String.join(".", segments);
  }
}
