package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Import;
import dev.flow.compiler.diag.Fix;
import dev.flow.compiler.source.SourceFile;
import java.util.List;

/** The fix that adds an {@code import} to a file: after its last import, else after its package, else first. */
final class Imports {
  private Imports() {}

  static Fix add(CompilationUnit unit, String qualifiedName) {
    String line = "import " + qualifiedName;
    String title = "add `" + line + "`";
    SourceFile file = unit.file();
    List<Import> imports = unit.imports();
    if (!imports.isEmpty()) {
      int end = imports.get(imports.size() - 1).span().end();
      return Fix.replace(title, file.span(end, end), "\n" + line);
    }
    if (unit.packageName().isPresent()) {
      int end = unit.packageName().get().span().end();
      return Fix.replace(title, file.span(end, end), "\n\n" + line);
    }
    return Fix.replace(title, file.span(0, 0), line + "\n\n");
  }
}
