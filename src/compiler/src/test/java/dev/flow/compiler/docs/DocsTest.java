package dev.flow.compiler.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.diagram.DiagramTesting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated documentation: {@code docs/examples} is exactly what {@code flowc docs examples
 * -o docs/examples} writes (so the committed docs never drift from the examples), pages link to
 * pages that exist, and the output does not depend on the order of the files.
 *
 * <p>After changing the examples or the generator, regenerate with
 * {@code mvn -pl src/compiler test -Dtest=DocsTest -Dflow.updateGoldens=true} (or
 * {@code ./flowc docs examples -o docs/examples}, after deleting the folder).
 */
class DocsTest {
  static final Path COMMITTED = Path.of("../../docs/examples");

  static SortedMap<String, String> generated() {
    return Docs.files(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
  }

  @Test
  void docsOfTheExamplesAreUpToDate() throws IOException {
    SortedMap<String, String> pages = generated();
    if (DiagramTesting.UPDATE_GOLDENS) {
      if (Files.isDirectory(COMMITTED)) {
        try (Stream<Path> old = Files.walk(COMMITTED)) {
          for (Path p : old.sorted(Collections.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      DiagramTesting.write(COMMITTED, pages);
      return;
    }
    SortedMap<String, String> committed = DiagramTesting.read(COMMITTED);
    assertEquals(pages.keySet(), committed.keySet(),
        "docs/examples is stale: run `./flowc docs examples -o docs/examples` (after deleting it) and commit the result");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      DiagramTesting.assertSameText(committed.get(page.getKey()), page.getValue(), "docs/examples/" + page.getKey()
          + " is stale: run `./flowc docs examples -o docs/examples` and commit the result");
    }
  }

  @Test
  void everyLinkLeadsToAPageAndEveryAnchorToAHeading() {
    SortedMap<String, String> pages = generated();
    Pattern link = Pattern.compile("\\]\\(([^)#]*)(#[^)]*)?\\)");
    int links = 0;
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Matcher m = link.matcher(page.getValue());
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("http")) {
          continue;
        }
        String resolved = target.isEmpty() ? page.getKey()
            : Path.of(page.getKey()).resolveSibling(target).normalize().toString().replace('\\', '/');
        assertTrue(pages.containsKey(resolved), page.getKey() + " links to a missing page: " + target);
        if (m.group(2) != null) {
          String anchor = m.group(2).substring(1);
          assertTrue(pages.get(resolved).contains("\n## " + anchor) || headings(pages.get(resolved)).contains(anchor),
              page.getKey() + " links to a missing heading: " + m.group());
        }
        links++;
      }
    }
    assertTrue(links > 20, "only " + links + " links");
  }

  @Test
  void aPagePerProcessWithEveryWorkflowAndItsDiagram() {
    SortedMap<String, String> pages = generated();
    assertEquals(List.of("com.acme.delivery/ProjectDelivery.md", "com.acme.facilities/Facilities.md",
        "com.acme.hiring/TalentAcquisition.md",
        "com.acme.invoicing/BillingAndCollections.md", "com.acme.onboarding/ClientOnboarding.md",
        "com.acme.purchasing/Purchasing.md", "com.acme.sales/SalesPipeline.md", "index.md"),
        new ArrayList<>(pages.keySet()));
    String onboarding = pages.get("com.acme.onboarding/ClientOnboarding.md");
    for (String expected : List.of("| Goal | A signed client is productive within 14 days |", "| Owner | Head of operations |",
        "| Stakeholders | Account manager, Project lead, Legal counsel |", "## Measures", "## Process map",
        "## DocumentCollection", "## Kickoff", "## FirstDeliverable", "| Trigger | Starts on IntakeSubmitted or by hand |",
        "| Deadline | 5d, escalates to Head of operations |",
        "| Assign checklist (`assignChecklist`), task | Account manager | within 1d, escalates to Head of operations | The ")) {
      assertTrue(onboarding.contains(expected), () -> "missing " + expected + " in\n" + onboarding);
    }
    // The process map, one flowchart per workflow, and the chart of each part that an overview folds
    // under a heading of its own, linked from the overview's box by the heading's anchor.
    List<String> parts = onboarding.lines().filter(l -> l.matches("### [A-Za-z]+ part [A-Za-z0-9_]+")).toList();
    assertEquals(List.of("### DocumentCollection part shareFolderToForEachDocument",
        "### DocumentCollection part assignChecklist", "### Kickoff part tier",
        "### FirstDeliverable part qualityReviewToPastDueDate"), parts);
    assertEquals(1 + 3 + parts.size(), count(onboarding, "```mermaid\n"));
    for (String heading : parts) {
      String anchor = heading.substring(4).replace(' ', '-').toLowerCase(java.util.Locale.ROOT);
      assertTrue(onboarding.contains(" href \"#" + anchor + "\"\n"), anchor);
    }
    assertTrue(pages.get("index.md").contains("## Operational processes"));
    assertTrue(pages.get("index.md").contains("[ClientOnboarding](com.acme.onboarding/ClientOnboarding.md)"));
  }

  @Test
  void workflowsWithoutAProcessGetTheirOwnPage() {
    SortedMap<String, String> pages = Docs.files(DiagramTesting.model(
        "role Clerk\nprocess P { owner Clerk category support goal \"g\" workflows A }\n"
            + "workflow A { owner Clerk step a by Clerk }\nworkflow B { owner Clerk step b by Clerk }\n"));
    assertTrue(pages.containsKey(Docs.OTHER_WORKFLOWS), pages.keySet().toString());
    assertTrue(pages.get(Docs.OTHER_WORKFLOWS).contains("## B"));
    assertTrue(pages.get("index.md").contains("[B](other-workflows.md#b)"));
  }

  @Test
  void aWorkflowsDeclaredErrorsAreListed() {
    SortedMap<String, String> pages = Docs.files(DiagramTesting.model(
        "role Clerk\nerror Declined { reason: Text }\nerror Short { missing: Decimal }\n"
            + "workflow A { owner Clerk fails Declined, Short step a by Clerk }\n"));
    String page = pages.get(Docs.OTHER_WORKFLOWS);
    assertTrue(page.contains("| Fails with | `Declined`, `Short` |"), page);
  }

  private static List<String> headings(String page) {
    List<String> out = new ArrayList<>();
    for (String line : page.split("\n")) {
      if (line.startsWith("#")) {
        out.add(line.replaceFirst("^#+ ", "").toLowerCase(java.util.Locale.ROOT).replace(' ', '-').replace("\\", ""));
      }
    }
    return out;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
