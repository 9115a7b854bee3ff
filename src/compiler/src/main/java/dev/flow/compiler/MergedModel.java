package dev.flow.compiler;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Node;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.resolve.Symbol;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.check.types.Types;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One model of a workspace made of the models of its groups ({@link IncrementalCheck}): each
 * question about a node is asked of the model of the group that holds the node's file. The groups
 * share no package and import nothing from each other, so what one group's model says about its
 * nodes is what the model of the whole workspace says; nothing is copied, so merging costs only a
 * map of the files.
 */
final class MergedModel implements SemanticModel {
  private final List<CompilationUnit> units;
  private final Map<SourceFile, SemanticModel> byFile;
  private final Collection<SemanticModel> parts;
  private List<Decl> declarations;

  /** {@code units} in the order given; {@code byFile}: the model of the group of each file. */
  MergedModel(List<CompilationUnit> units, Map<SourceFile, SemanticModel> byFile) {
    this.units = List.copyOf(units);
    this.byFile = new IdentityHashMap<>(byFile);
    Set<SemanticModel> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(byFile.values());
    this.parts = List.copyOf(distinct);
  }

  /** The model of the group of the node's file; null for a node of no file (or of a file not compiled). */
  private SemanticModel partOf(Node node) {
    SourceFile file = node.span().file();
    return file == null ? null : byFile.get(file);
  }

  /** What the model of the node's group says; for a node of no file, the first group that knows it. */
  private <T> Optional<T> ask(Node node, Function<SemanticModel, Optional<T>> question) {
    SemanticModel own = partOf(node);
    if (own != null || node.span().file() != null) {
      return own == null ? Optional.empty() : question.apply(own);
    }
    for (SemanticModel part : parts) {
      Optional<T> answer = question.apply(part);
      if (answer.isPresent()) {
        return answer;
      }
    }
    return Optional.empty();
  }

  @Override
  public List<CompilationUnit> units() {
    return units;
  }

  @Override
  public synchronized List<Decl> declarations() {
    if (declarations == null) {
      List<Decl> all = new ArrayList<>();
      units.forEach(u -> all.addAll(u.declarations()));
      declarations = List.copyOf(all);
    }
    return declarations;
  }

  @Override
  public Optional<Decl> declarationOf(Name reference) {
    return ask(reference, m -> m.declarationOf(reference));
  }

  @Override
  public Optional<Symbol> symbolOf(Name reference) {
    return ask(reference, m -> m.symbolOf(reference));
  }

  @Override
  public Type typeOf(TypeRef type) {
    SemanticModel own = partOf(type);
    return own != null ? own.typeOf(type)
        : ask(type, m -> Optional.of(m.typeOf(type)).filter(t -> t != Type.ERROR)).orElse(Type.ERROR);
  }

  @Override
  public Type typeOf(Expr expr) {
    SemanticModel own = partOf(expr);
    return own != null ? own.typeOf(expr)
        : ask(expr, m -> Optional.of(m.typeOf(expr)).filter(t -> t != Type.ERROR)).orElse(Type.ERROR);
  }

  @Override
  public String packageOf(Decl decl) {
    SemanticModel own = partOf(decl);
    return own != null ? own.packageOf(decl)
        : ask(decl, m -> Optional.of(m.packageOf(decl)).filter(p -> !p.isEmpty())).orElse("");
  }

  @Override
  public boolean isAssignable(Type from, Type to) {
    return Types.isAssignable(from, to);
  }
}
