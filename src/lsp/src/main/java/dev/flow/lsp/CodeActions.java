package dev.flow.lsp;

import dev.flow.compiler.diag.Fix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Quick fixes: the fixes the checker attached to the diagnostics of a document (did-you-mean
 * replacements, missing match arms or {@code else}, an {@code import}, a {@code package}), for
 * the diagnostics whose lines meet the requested range, each as a code action that edits the
 * text the diagnostic was found in. Only on an analysis of the text the editor has now.
 */
final class CodeActions {
  private CodeActions() {}

  static List<CodeAction> at(Snapshot current, Snapshot.Doc doc, Range range) {
    List<CodeAction> out = new ArrayList<>();
    int from = range == null || range.getStart() == null ? 0 : range.getStart().getLine();
    int to = range == null || range.getEnd() == null ? Integer.MAX_VALUE : range.getEnd().getLine();
    for (dev.flow.compiler.diag.Diagnostic d : current.compilation().diagnostics()) {
      if (d.fixes().isEmpty() || d.span().isNone() || d.span().file() != doc.file()) {
        continue;
      }
      Range where = doc.lines().range(d.span().start(), d.span().end());
      if (where.getEnd().getLine() < from || where.getStart().getLine() > to) {
        continue;
      }
      org.eclipse.lsp4j.Diagnostic lsp = Diagnostics.toLsp(d, doc, current);
      boolean first = true;
      for (Fix fix : d.fixes()) {
        Optional<WorkspaceEdit> edit = edit(current, fix);
        if (edit.isEmpty()) {
          continue;
        }
        CodeAction action = new CodeAction(fix.title());
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(lsp));
        action.setEdit(edit.get());
        action.setIsPreferred(first && d.fixes().size() == 1);
        first = false;
        out.add(action);
      }
    }
    return out;
  }

  private static Optional<WorkspaceEdit> edit(Snapshot current, Fix fix) {
    Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
    for (Fix.Edit e : fix.edits()) {
      Optional<Snapshot.Doc> doc = current.docOf(e.span().file());
      if (doc.isEmpty()) {
        return Optional.empty();
      }
      changes.computeIfAbsent(doc.get().uri(), u -> new ArrayList<>())
          .add(new TextEdit(doc.get().lines().range(e.span().start(), e.span().end()), e.text()));
    }
    return Optional.of(new WorkspaceEdit(changes));
  }
}
