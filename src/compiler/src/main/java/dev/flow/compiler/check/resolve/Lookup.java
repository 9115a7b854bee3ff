package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;
import java.util.List;

/** The outcome of looking a simple declaration name up in a file. */
public sealed interface Lookup {
  /** One declaration has that name. */
  record Found(Decl decl) implements Lookup {}

  /** Nothing visible has that name. */
  record Missing() implements Lookup {}

  /** Two wildcard imports bring different declarations of that name (E103 where it is used). */
  record Ambiguous(List<Decl> candidates) implements Lookup {
    public Ambiguous {
      candidates = List.copyOf(candidates);
    }
  }
}
