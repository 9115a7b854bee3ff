package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.diag.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Resolves names in declaration positions (a role after {@code by}, a system, an event after
 * {@code starts on}, a workflow after {@code call}) and builds the diagnostics for names that
 * do not resolve: E100 with a did-you-mean, E102 for a name of the wrong kind, E103 for a name
 * two wildcard imports bring. It records what resolved and what was used.
 */
public final class NameResolver {
  private final SymbolTable table;
  private final Recorder recorder;
  private final Usages usages;
  private final Elsewhere elsewhere;

  public NameResolver(SymbolTable table, Recorder recorder, Usages usages) {
    this(table, recorder, usages, table);
  }

  /** Suggestions for an unknown name read {@code elsewhere} for what other packages declare. */
  public NameResolver(SymbolTable table, Recorder recorder, Usages usages, Elsewhere elsewhere) {
    this.table = table;
    this.recorder = recorder;
    this.usages = usages;
    this.elsewhere = elsewhere;
  }

  /** The same resolver recording to {@code recorder} and {@code usages}: one thread's share of the bodies. */
  NameResolver forWorker(Recorder recorder, Usages usages) {
    return new NameResolver(table, recorder, usages, elsewhere);
  }

  /**
   * The declaration {@code name} denotes, which must be of {@code kind}; reports to
   * {@code diagnostics} and gives empty when it is unknown, ambiguous or of another kind.
   */
  public Optional<Decl> resolve(Name name, DeclKind kind, FileScope scope, Decl from, Diagnostics diagnostics) {
    Lookup lookup = scope.lookup(name.text());
    if (lookup instanceof Lookup.Missing) {
      diagnostics.add(unknown(name, kind.word(), scope, kind::accepts, List.of(), from));
      return Optional.empty();
    }
    if (lookup instanceof Lookup.Ambiguous a) {
      diagnostics.add(ambiguous(name, a, from));
      return Optional.empty();
    }
    Decl decl = ((Lookup.Found) lookup).decl();
    usages.use(decl, from);
    if (!kind.accepts(decl)) {
      diagnostics.add(wrongKind(name, decl, kind));
      return Optional.empty();
    }
    recorder.declaration(name, decl);
    return Optional.of(decl);
  }

  /**
   * E100 "unknown role `X`" with a did-you-mean over the visible declarations {@code kind}
   * accepts and {@code extra} names; the suggested declarations count as used.
   */
  public Diagnostic unknown(
      Name name, String kindWord, FileScope scope, Predicate<Decl> kind, Collection<String> extra, Decl from) {
    usages.unresolved(kind);
    TreeSet<String> candidates = new TreeSet<>(scope.visibleNames(kind));
    candidates.addAll(extra);
    List<String> near = Suggestions.near(name.text(), candidates);
    for (String s : near.subList(0, Math.min(2, near.size()))) {
      if (scope.lookup(s) instanceof Lookup.Found f) {
        usages.use(f.decl(), from);
      }
    }
    String pkg = scope.packageName();
    Diagnostic d = Diagnostic.of(Code.E100, name.span(), "unknown " + kindWord + " `" + name.text() + "`")
        .withLabel(pkg.isEmpty() ? "not declared" : "not declared in package " + pkg);
    Diagnostic suggested = d.withDidYouMean(name.span(), name.text(), candidates);
    if (suggested != d) {
      return suggested;
    }
    List<String> declaring = elsewhere.packagesDeclaring(name.text(), pkg).stream()
        .filter(p -> elsewhere.lookup(p, name.text()).filter(kind).isPresent())
        .toList();
    if (declaring.isEmpty()) {
      return d;
    }
    String q = declaring.get(0);
    elsewhere.lookup(q, name.text()).ifPresent(x -> usages.use(x, from));
    return d.withHelp("`" + name.text() + "` is declared in package " + q + ": add `import " + q + "." + name.text() + "`")
        .withFix(Imports.add(scope.unit(), q + "." + name.text()));
  }

  /** E103: two wildcard imports bring this name; every candidate counts as used. */
  public Diagnostic ambiguous(Name name, Lookup.Ambiguous a, Decl from) {
    a.candidates().forEach(c -> usages.use(c, from));
    List<String> pkgs = a.candidates().stream().map(table::packageOf).sorted().toList();
    return Diagnostic.of(Code.E103, name.span(),
            "`" + name.text() + "` is ambiguous: it is imported from " + pkgs.stream()
                .map(p -> "package " + p).collect(Collectors.joining(" and ")))
        .withHelp("import the one you mean by name: `import " + pkgs.get(0) + "." + name.text() + "`");
  }

  /** Records that {@code decl} is named from within {@code from}. */
  public void use(Decl decl, Decl from) {
    usages.use(decl, from);
  }

  /** E102: {@code found} is not of the kind needed here. */
  public static Diagnostic wrongKind(Name name, Decl found, DeclKind expected) {
    Diagnostic d = Diagnostic.of(Code.E102, name.span(),
        "`" + name.text() + "` is " + Names.withArticle(found.kind()) + ", not "
            + Names.withArticle(expected.word()));
    if (expected == DeclKind.EVENT && found instanceof Decl.RecordDecl) {
      return d.withHelp("declare it as an `event` to start workflows on it and to `receive` it");
    }
    return d;
  }
}
