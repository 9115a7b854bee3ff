package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * One parsed {@code .flow} file.
 *
 * @param file the source it came from
 * @param packageName the {@code package} clause, if any
 * @param imports the imports, in order
 * @param declarations the declarations, in order
 * @param firstToken the span of the file's first token (where E105 points)
 */
public record CompilationUnit(
    SourceFile file,
    Optional<QualifiedName> packageName,
    List<Import> imports,
    List<Decl> declarations,
    SourceSpan firstToken,
    SourceSpan span)
    implements Node {
  public CompilationUnit {
    imports = List.copyOf(imports);
    declarations = List.copyOf(declarations);
  }

  /** The package as text, or the empty string for a file without one. */
  public String packageText() {
    return packageName.map(QualifiedName::text).orElse("");
  }
}
