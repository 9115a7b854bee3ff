package dev.flow.lsp;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.IncrementalCheck;
import dev.flow.compiler.ParseCache;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Runs the front end over the whole workspace and answers requests on one thread.
 *
 * <p>A change schedules an analysis after a quiet {@link #DEBOUNCE_MS} ms (each change pushes it
 * back); opening a document analyses at once. An analysis checks every document together, as
 * {@code flowc check} would, but re-resolves and re-checks only the documents that changed and
 * those that share names with them ({@link IncrementalCheck}: the same result); it keeps the
 * result as the current {@link Snapshot} (and, when it produced a model, as the last good one),
 * and publishes the diagnostics of every document whose diagnostics or version changed. A request
 * runs on the same thread after an analysis of any change not analysed yet, so it sees the text
 * the editor has, and it never races an analysis. Hover and completion about a document that is
 * as the last complete analysis saw it do not wait behind an analysis of other changes
 * ({@link #peek}): they are answered at once on another thread from that analysis. A hover in a
 * document changed since is answered on that thread too, from the new text ({@link QuickCheck}).
 * Nothing that goes wrong in an analysis or a request stops the thread: it is logged, and the
 * request answers with nothing.
 */
final class Analyzer {
  static final long DEBOUNCE_MS = 200;
  /**
   * System properties, for benchmarks and as a way out: {@code flow.lsp.debounceMs} (the quiet time
   * before an analysis, {@link #DEBOUNCE_MS} by default) and {@code flow.lsp.incremental=false}
   * (compile the whole workspace on every change, as before {@link IncrementalCheck}).
   */
  private final long debounceMs = Long.getLong("flow.lsp.debounceMs", DEBOUNCE_MS);
  private final boolean incremental = !"false".equals(System.getProperty("flow.lsp.incremental"));

  private final Workspace workspace;
  private final ServerLog log;
  private final ScheduledExecutorService thread;
  private volatile LanguageClient client;
  /** Where hover and completion are answered while an analysis runs. */
  private final ExecutorService answers;
  private ScheduledFuture<?> pending;
  private volatile Snapshot current;
  private volatile Snapshot good;
  /** For tests: run at the start of every analysis, on the analysis thread. */
  private volatile Runnable beforeAnalysis = () -> { };
  /** The files the current analysis had to leave out, by name, with why. */
  private Map<String, String> failures = Map.of();
  private final Map<String, Published> published = new HashMap<>();
  /** The parsed units of the documents of the last analysis: an edit re-parses only its own document. */
  private final ParseCache parseCache = new ParseCache();
  /** The last analysis's groups of documents: an edit re-checks only its own document's group. */
  private final IncrementalCheck groups = new IncrementalCheck();

  private record Published(String uri, Integer version, List<Diagnostic> diagnostics) {}

  Analyzer(Workspace workspace, ServerLog log) {
    this.workspace = workspace;
    this.log = log;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "flow-lsp-analysis");
      t.setDaemon(true);
      return t;
    });
    this.answers = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "flow-lsp-answers");
      t.setDaemon(true);
      return t;
    });
  }

  /** For tests: {@code hook} runs at the start of every analysis, on the analysis thread. */
  void beforeEachAnalysis(Runnable hook) {
    this.beforeAnalysis = hook;
  }

  void connect(LanguageClient c) {
    this.client = c;
  }

  /** Analyses after {@link #DEBOUNCE_MS} ms without another change. */
  synchronized void changed() {
    if (thread.isShutdown()) {
      return;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    pending = thread.schedule(() -> analyzeIfStale(), debounceMs, TimeUnit.MILLISECONDS);
  }

  /** Analyses the documents as they are now, as soon as the thread is free. */
  synchronized void now() {
    if (thread.isShutdown()) {
      return;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    pending = null;
    Snapshot.Documents documents = workspace.documents();
    thread.execute(() -> analyzeIfStale(documents));
  }

  /**
   * Answers a request on the analysis thread, after analysing what changed; {@code fallback} when
   * the answer fails.
   */
  <T> CompletableFuture<T> read(String what, T fallback, BiFunction<Snapshot, Snapshot, T> answer) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      thread.execute(() -> {
        if (result.isCancelled()) {
          return;
        }
        try {
          analyzeIfStale();
          result.complete(current == null ? fallback : answer.apply(current, good));
        } catch (Throwable e) { // a bug must not stop the server: logged, and answered with nothing
          log.error(what + " failed", e);
          result.complete(fallback);
        }
      });
    } catch (RuntimeException e) {
      log.error(what + " could not be scheduled", e);
      result.complete(fallback);
    }
    return result;
  }

  /**
   * As {@link #read}, but not waiting behind an analysis when the document {@code key} is as the
   * last complete analysis saw it (the same text): then the request is answered at once, on
   * another thread, from that analysis, with the other documents as the editor has them now
   * ({@link Place} maps between the texts), even while an analysis of other changes runs or waits.
   * A request about a document changed since needs the analysis of its text, and waits for it as
   * {@link #read} does; that analysis re-checks only what the change reaches.
   */
  <T> CompletableFuture<T> peek(String key, String what, T fallback, BiFunction<Snapshot, Snapshot, T> answer) {
    return peek(key, what, fallback, answer, false);
  }

  /**
   * As {@link #peek(String, String, Object, BiFunction)}; when {@code quick}, a request about a
   * document changed since the last analysis does not wait for the next one either: it is answered
   * on the other thread from that document's new text checked with what it reaches
   * ({@link QuickCheck}), and waits only when that text does not parse.
   */
  <T> CompletableFuture<T> peek(
      String key, String what, T fallback, BiFunction<Snapshot, Snapshot, T> answer, boolean quick) {
    Snapshot done = current;
    Workspace.Document now = done == null ? null : workspace.documents().byKey().get(key);
    Snapshot.Doc analysed = now == null ? null : done.doc(key).orElse(null);
    if (analysed == null || !analysed.text().equals(now.text()) || !analysed.file().name().equals(now.name())) {
      return quick && done != null ? quickly(key, what, fallback, answer) : read(what, fallback, answer);
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      answers.execute(() -> answerFromSnapshot(result, what, fallback, answer));
    } catch (RuntimeException e) {
      log.error(what + " could not be scheduled", e);
      result.complete(fallback);
    }
    return result;
  }

  private <T> CompletableFuture<T> quickly(
      String key, String what, T fallback, BiFunction<Snapshot, Snapshot, T> answer) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      answers.execute(() -> {
        try {
          Optional<Snapshot> quick = QuickCheck.of(current, workspace.documents(), key);
          if (quick.isEmpty()) {
            read(what, fallback, answer).whenComplete((value, e) -> result.complete(e == null ? value : fallback));
          } else {
            result.complete(answer.apply(quick.get(), quick.get()));
          }
        } catch (Throwable e) { // a bug must not stop the server: logged, and answered with nothing
          log.error(what + " failed", e);
          result.complete(fallback);
        }
      });
    } catch (RuntimeException e) {
      log.error(what + " could not be scheduled", e);
      result.complete(fallback);
    }
    return result;
  }

  private <T> void answerFromSnapshot(
      CompletableFuture<T> result, String what, T fallback, BiFunction<Snapshot, Snapshot, T> answer) {
    try {
      Snapshot done = current;
      result.complete(done == null ? fallback : answer.apply(view(done, workspace.documents()), good));
    } catch (Throwable e) { // a bug must not stop the server: logged, and answered with nothing
      log.error(what + " failed", e);
      result.complete(fallback);
    }
  }

  /** The documents as they are now over a complete analysis: what the analysis made of them stays its own. */
  private static Snapshot view(Snapshot done, Snapshot.Documents documents) {
    if (done.generation() == documents.generation()) {
      return done;
    }
    return new Snapshot(documents.generation(), docs(done, documents), done.compilation());
  }

  /** The documents, each keeping its source file from {@code before} while its name and text are unchanged. */
  static List<Snapshot.Doc> docs(Snapshot before, Snapshot.Documents documents) {
    List<Snapshot.Doc> docs = new ArrayList<>();
    for (Workspace.Document d : documents.byKey().values()) {
      Snapshot.Doc was = before == null ? null : before.doc(d.key()).orElse(null);
      docs.add(was != null && was.file().name().equals(d.name()) && was.text().equals(d.text())
          ? new Snapshot.Doc(d, was.file(), was.lines())
          : new Snapshot.Doc(d, new SourceFile(d.name(), d.text()), new LineIndex(d.text())));
    }
    return docs;
  }

  /** Completes when the work queued so far is done (so that earlier requests are answered first). */
  CompletableFuture<Void> drained() {
    return read("drain", null, (current, good) -> null);
  }

  /**
   * Stops taking work; what is queued finishes (an analysis is not interrupted, so that it never
   * stops half-way through writing a message to the client).
   */
  void shutdown() {
    thread.shutdown();
    answers.shutdown();
  }

  /** Stops taking work and waits a little for what is queued to finish. */
  void close() {
    thread.shutdown();
    answers.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void analyzeIfStale() {
    if (current != null && current.generation() == workspace.generation()) {
      return;
    }
    analyzeIfStale(workspace.documents());
  }

  private void analyzeIfStale(Snapshot.Documents documents) {
    if (current != null && current.generation() >= documents.generation()) {
      return;
    }
    try {
      beforeAnalysis.run();
      analyze(documents);
    } catch (Throwable e) { // a bug must not stop the server: logged, and the next change tries again
      log.error("analysis failed", e);
    }
  }

  private void analyze(Snapshot.Documents documents) {
    long start = System.nanoTime();
    // A document whose name and text did not change keeps its source file, and so its parsed unit.
    List<Snapshot.Doc> docs = docs(current, documents);
    List<SourceFile> files = new ArrayList<>(docs.stream().map(Snapshot.Doc::file).toList());
    files.sort((a, b) -> a.name().compareTo(b.name()));
    Compilation compilation;
    failures = Map.of();
    try {
      compilation = check(files);
      Map<String, String> tooDeep = nestedTooDeeply(compilation);
      if (!tooDeep.isEmpty()) {
        // A file nested more deeply than the compiler follows stops the whole check, as a syntax
        // error does; in the editor it is left out, so that the other files are still checked.
        failures = tooDeep;
        List<SourceFile> rest = files.stream().filter(f -> !tooDeep.containsKey(f.name())).toList();
        compilation = check(rest);
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      log.error("the compiler failed on the workspace; analysing without the files it fails on", e);
      failures = unanalysable(files);
      List<SourceFile> rest = files.stream().filter(f -> !failures.containsKey(f.name())).toList();
      try {
        compilation = check(rest);
      } catch (RuntimeException | LinkageError | StackOverflowError again) {
        log.error("the compiler failed on the workspace; keeping the previous analysis", again);
        // Remember the generation so that the same text is not compiled again and again.
        compilation = new Compilation(List.of(), Optional.empty(), List.of());
        current = new Snapshot(documents.generation(), docs, compilation);
        return;
      }
    }
    current = new Snapshot(documents.generation(), docs, compilation);
    if (compilation.model().isPresent()) {
      good = current;
    } else {
      navigable(documents.generation(), docs, compilation).ifPresent(s -> good = s);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    // Logged before publishing, so that whoever sees the diagnostics can already see the log line.
    int checked = !incremental || groups.lastCompiledGroups() < 0 ? files.size() : groups.lastCompiledFiles();
    log.info("analysed " + files.size() + " files in " + ms + " ms (" + checked + " re-checked): "
        + compilation.errorCount() + " errors, " + compilation.warningCount() + " warnings"
        + (compilation.model().isPresent() ? "" : " (syntax errors)"));
    publish(current);
  }

  /** The workspace's files checked together: only the changed groups, unless switched off. */
  private Compilation check(List<SourceFile> files) {
    return incremental ? groups.check(files) : Compiler.compile(files, Compiler.Mode.CHECK, parseCache);
  }

  /**
   * When some files do not parse, the compiler stops before it resolves names, so there is no
   * model to navigate and complete with. This builds one for that: the files that parsed as they
   * are, and each file that did not as it was in the last good analysis (left out when it never
   * parsed). Its diagnostics are not published: the compiler's are.
   */
  private Optional<Snapshot> navigable(long generation, List<Snapshot.Doc> docs, Compilation broken) {
    Set<SourceFile> parsed = Collections.newSetFromMap(new IdentityHashMap<>());
    broken.units().forEach(u -> parsed.add(u.file()));
    List<Snapshot.Doc> usable = new ArrayList<>();
    for (Snapshot.Doc doc : docs) {
      if (parsed.contains(doc.file())) {
        usable.add(doc);
      } else if (good != null) {
        good.doc(doc.key()).filter(old -> good.unit(old.key()).isPresent()).ifPresent(usable::add);
      }
    }
    List<SourceFile> files = new ArrayList<>(usable.stream().map(Snapshot.Doc::file).toList());
    files.sort((a, b) -> a.name().compareTo(b.name()));
    Compilation partial = Compiler.compile(files, Compiler.Mode.CHECK, parseCache);
    return partial.model().isPresent()
        ? Optional.of(new Snapshot(generation, usable, partial))
        : Optional.empty();
  }

  /** The files with an E003 (nested too deeply), by name, with the diagnostic's words. */
  private static Map<String, String> nestedTooDeeply(Compilation compilation) {
    Map<String, String> out = new HashMap<>();
    for (dev.flow.compiler.diag.Diagnostic d : compilation.diagnostics()) {
      if (d.code() == dev.flow.compiler.diag.Code.E003) {
        out.putIfAbsent(d.span().fileName(), d.message());
      }
    }
    return out;
  }

  /**
   * The files on which the compiler fails even alone (by name, with what went wrong), so that
   * one file that cannot be analysed does not keep the others from being checked.
   */
  private Map<String, String> unanalysable(List<SourceFile> files) {
    Map<String, String> out = new HashMap<>();
    for (SourceFile f : files) {
      try {
        Compiler.compile(List.of(f), Compiler.Mode.CHECK);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        out.put(f.name(), e instanceof StackOverflowError ? "it is nested too deeply" : String.valueOf(e.getMessage()));
      }
    }
    return out;
  }

  private void publish(Snapshot snapshot) {
    LanguageClient c = client;
    if (c == null) {
      return;
    }
    Map<String, List<Diagnostic>> all = Diagnostics.of(snapshot);
    for (Snapshot.Doc doc : snapshot.docs()) {
      String why = failures.get(doc.file().name());
      if (why != null) {
        Diagnostic d = new Diagnostic(new Range(new Position(0, 0), new Position(0, 0)),
            "this file could not be analysed (" + why + "); the other files are checked without it",
            DiagnosticSeverity.Error, Diagnostics.SOURCE);
        all.get(doc.key()).add(d);
      }
    }
    Map<String, Published> now = new HashMap<>();
    for (Snapshot.Doc doc : snapshot.docs()) {
      List<Diagnostic> diagnostics = all.get(doc.key());
      Integer version = doc.document().version();
      Published before = published.get(doc.key());
      boolean changed = before == null
          ? !diagnostics.isEmpty() || version != null
          : !before.diagnostics().equals(diagnostics) || !Objects.equals(before.version(), version)
              || !before.uri().equals(doc.uri());
      now.put(doc.key(), new Published(doc.uri(), version, diagnostics));
      if (before != null && !before.uri().equals(doc.uri()) && !before.diagnostics().isEmpty()) {
        c.publishDiagnostics(new PublishDiagnosticsParams(before.uri(), List.of()));
      }
      if (changed) {
        c.publishDiagnostics(new PublishDiagnosticsParams(doc.uri(), diagnostics, version));
      }
    }
    for (Map.Entry<String, Published> gone : published.entrySet()) {
      if (!now.containsKey(gone.getKey()) && !gone.getValue().diagnostics().isEmpty()) {
        c.publishDiagnostics(new PublishDiagnosticsParams(gone.getValue().uri(), List.of()));
      }
    }
    published.clear();
    published.putAll(now);
  }
}
