package dev.flow.lsp;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.query.Nodes;
import dev.flow.compiler.query.SymbolIndex;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Hover: over a name, what it stands for ({@link Describe}: its declaration, doc comment, a
 * step's owner and time limit, a value's type); over any other part of an expression, its type.
 */
final class Hovers {
  private Hovers() {}

  static Hover at(Place place) {
    Optional<Snapshot> good = place.good();
    OptionalInt offset = place.goodOffset();
    Optional<CompilationUnit> unit = place.goodUnit();
    if (good.isEmpty() || offset.isEmpty() || unit.isEmpty()) {
      return null;
    }
    SemanticModel model = good.get().model().orElseThrow();
    Optional<ThreadsHover.Described> instances = InstancesHover.at(unit.get(), offset.getAsInt());
    if (instances.isPresent()) {
      return hover(instances.get().markdown(), place, instances.get().span());
    }
    Optional<SymbolIndex.Occurrence> occurrence = good.get().index().at(unit.get().file(), offset.getAsInt());
    if (occurrence.isPresent()) {
      return hover(Describe.markdown(model, occurrence.get().entity()), place, occurrence.get().name().span());
    }
    Optional<SignalHover.Described> signal = SignalHover.at(unit.get(), offset.getAsInt());
    if (signal.isPresent()) {
      return hover(signal.get().markdown(), place, signal.get().name().span());
    }
    Optional<SignalHover.Described> region = RegionHover.at(unit.get(), offset.getAsInt());
    if (region.isPresent()) {
      return hover(region.get().markdown(), place, region.get().name().span());
    }
    Optional<ContinueAsNewHover.Described> chain = ContinueAsNewHover.at(unit.get(), offset.getAsInt());
    if (chain.isPresent()) {
      return hover(chain.get().markdown(), place, chain.get().span());
    }
    Optional<ThreadsHover.Described> threads = ThreadsHover.at(unit.get(), offset.getAsInt());
    if (threads.isPresent()) {
      return hover(threads.get().markdown(), place, threads.get().span());
    }
    Optional<Expr> expr = Nodes.innermost(unit.get(), offset.getAsInt(), Expr.class);
    if (expr.isPresent()) {
      Type type = model.typeOf(expr.get());
      if (!type.isError()) {
        return hover(Describe.expression(expr.get(), type), place, expr.get().span());
      }
    }
    return null;
  }

  private static Hover hover(String markdown, Place place, dev.flow.compiler.source.SourceSpan span) {
    Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown));
    place.range(span).ifPresent(h::setRange);
    return h;
  }
}
