package dev.flow.compiler.diag;

import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A collector that stages append to; reports are kept in the order they were made. */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();
  private int errors;

  public Diagnostic report(Code code, SourceSpan span, String message) {
    return add(Diagnostic.of(code, span, message));
  }

  public Diagnostic add(Diagnostic d) {
    all.add(d);
    if (d.isError()) {
      errors++;
    }
    return d;
  }

  public void addAll(Iterable<Diagnostic> ds) {
    for (Diagnostic d : ds) {
      add(d);
    }
  }

  public int errorCount() {
    return errors;
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public List<Diagnostic> list() {
    return Collections.unmodifiableList(all);
  }

  /** Every diagnostic in source order, duplicates (same code, span and message) removed. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : all.stream().sorted().toList()) {
      if (out.isEmpty() || !same(out.get(out.size() - 1), d)) {
        out.add(d);
      }
    }
    return out;
  }

  private static boolean same(Diagnostic a, Diagnostic b) {
    return a.code() == b.code()
        && a.span().equals(b.span())
        && a.message().equals(b.message());
  }
}
