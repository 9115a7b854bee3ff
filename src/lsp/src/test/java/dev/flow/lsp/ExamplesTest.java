package dev.flow.lsp;

import static dev.flow.lsp.Texts.after;
import static dev.flow.lsp.Texts.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Test;

/**
 * The repository's examples as a workspace: no diagnostics, and navigation across their files.
 * It also times each kind of request and prints the figures (it asserts no timing: machines differ).
 */
class ExamplesTest {
  private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

  @Test
  void theExamplesAreCleanAndNavigable() throws Exception {
    Path file = EXAMPLES.resolve("onboarding/document-collection.flow");
    String uri = file.toUri().toString();
    String text = Files.readString(file);
    try (Connection lsp = Connection.start(EXAMPLES)) {
      assertTrue(lsp.workspaceSymbols("DocumentCollection").stream().anyMatch(s -> s.getName().equals("DocumentCollection")));
      for (PublishDiagnosticsParams p : lsp.client.publications) {
        assertEquals(List.of(), p.getDiagnostics(), p.getUri());
      }
      lsp.open(uri, text);

      Hover role = lsp.hover(uri, at(text, "owner AccountManager", "AccountManager"));
      assertTrue(role.getContents().getRight().getValue().contains("role AccountManager"));
      List<? extends Location> def = lsp.definition(uri, at(text, "owner AccountManager", "AccountManager"));
      assertEquals(EXAMPLES.resolve("onboarding/model.flow").toUri().toString(), def.get(0).getUri());
      List<? extends Location> refs = lsp.references(uri, at(text, "owner AccountManager", "AccountManager"), true);
      Set<String> files = refs.stream().map(Location::getUri).collect(Collectors.toSet());
      assertTrue(files.size() >= 3, files::toString);

      Hover step = lsp.hover(uri, at(text, "step assignChecklist by", "assignChecklist"));
      String s = step.getContents().getRight().getValue();
      assertTrue(s.contains("owner: role `AccountManager`"), s);
      assertTrue(s.contains("time limit: 1d, then escalated to `OperationsLead`"), s);

      List<CompletionItem> fields = lsp.completion(uri, after(text, "Drive.createFolder(client: intake."));
      assertTrue(fields.stream().anyMatch(i -> i.getLabel().equals("client")), fields::toString);

      String edited = text.replace("  set client = intake.client\n", "  set client = intake.client\n  step extra by \n");
      lsp.replace(uri, 2, edited);
      List<CompletionItem> owners = lsp.completion(uri, after(edited, "step extra by "));
      assertTrue(owners.stream().anyMatch(i -> i.getLabel().equals("AccountManager")));
      assertTrue(owners.stream().anyMatch(i -> i.getLabel().equals("Drive")));
      lsp.replace(uri, 3, text);

      timings(lsp, uri, text);
    }
  }

  /** Times each kind of request over the examples and prints median and worst, in milliseconds. */
  private static void timings(Connection lsp, String uri, String text) throws Exception {
    Position name = at(text, "owner AccountManager", "AccountManager");
    Position field = after(text, "Drive.createFolder(client: intake.");
    Position statement = after(text, "  set client = intake.client\n");
    int[] version = {10};
    List<String> lines = new ArrayList<>();
    lines.add(time("hover", () -> lsp.hover(uri, name)));
    lines.add(time("definition", () -> lsp.definition(uri, name)));
    lines.add(time("references", () -> lsp.references(uri, name, true)));
    lines.add(time("completion (fields)", () -> lsp.completion(uri, field)));
    lines.add(time("completion (keywords)", () -> lsp.completion(uri, statement)));
    lines.add(time("document symbols", () -> lsp.symbols(uri)));
    lines.add(time("workspace symbols", () -> lsp.workspaceSymbols("a")));
    lines.add(time("change + analysis + hover", () -> {
      lsp.replace(uri, ++version[0], text + "\n// " + version[0] + "\n");
      return lsp.hover(uri, name);
    }));
    System.out.println("request timings on the examples (29 files), in ms:\n  " + String.join("\n  ", lines));
    assertFalse(lines.isEmpty());
  }

  private static String time(String what, Callable<Object> request) throws Exception {
    for (int i = 0; i < 20; i++) {
      assertNotNull(request.call() == null ? "" : "answered");
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long start = System.nanoTime();
      request.call();
      ms.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(ms);
    return String.format("%-28s median %6.2f  p90 %6.2f  max %6.2f", what, ms.get(ms.size() / 2),
        ms.get(ms.size() * 9 / 10), ms.get(ms.size() - 1));
  }
}
