package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowc diagram} and {@code flowc docs}, in-process. */
class DiagramCommandTest {
  static final String MODEL = """
      package com.acme.test

      role Clerk "Front-desk clerk"

      process Desk {
        category support
        goal "Guests are checked in fast"
        owner Clerk
        workflows CheckIn
      }

      /// A guest arrives.
      workflow CheckIn {
        owner Clerk
        starts manually

        /// Take the guest's details.
        step register by Clerk within 1h { name: Text }
        approval confirm by Clerk
        if not confirm.approved {
          fail "not confirmed"
        }
      }
      """;

  @TempDir Path dir;

  Path model() throws IOException {
    return Files.writeString(dir.resolve("desk.flow"), MODEL);
  }

  static MainTest.Result flowc(String... args) {
    return MainTest.flowc(args);
  }

  static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  @Test
  void writesEveryDiagramBelowTheDirectory() throws IOException {
    Path out = dir.resolve("out");
    MainTest.Result r = flowc("diagram", model().toString(), "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("wrote 3 diagrams to " + out), r.err());
    assertEquals(List.of("com.acme.test/CheckIn.workflow.mmd", "com.acme.test/Desk.process.mmd", "landscape.mmd"), files(out));
    String flowchart = Files.readString(out.resolve("com.acme.test/CheckIn.workflow.mmd"));
    assertTrue(flowchart.contains("flowchart TD"), flowchart);
    // A step's title is its doc comment's first sentence.
    assertTrue(flowchart.contains("s_register(\"<b>Take the guest's details</b><br/>by Front-desk clerk<br/>within 1h\")"),
        flowchart);
    assertTrue(flowchart.contains("s_confirm -->|\"rejected\"|"), flowchart);
  }

  @Test
  void aWorkflowTooBigForAScreenIsAnOverviewAndAChartPerPart() throws IOException {
    Path out = dir.resolve("out");
    MainTest.Result r = flowc("diagram", "../../examples/hiring", "--workflow", "Recruitment", "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    List<String> written = files(out);
    assertTrue(written.size() > 2, written.toString());
    assertTrue(written.contains("com.acme.hiring/Recruitment.workflow.mmd"), written.toString());
    assertTrue(written.stream().allMatch(f -> f.matches("com\\.acme\\.hiring/Recruitment\\.workflow(\\.[A-Za-z0-9_]+)?\\.mmd")),
        written.toString());
    String overview = Files.readString(out.resolve("com.acme.hiring/Recruitment.workflow.mmd"));
    // Each folded part is a box that links to the part's own chart.
    for (String part : written) {
      if (!part.endsWith("Recruitment.workflow.mmd")) {
        String name = part.substring(part.lastIndexOf('/') + 1);
        String linked = "href \"" + name + "\"";
        boolean anywhere = overview.contains(linked) || written.stream().anyMatch(other -> {
          try {
            return Files.readString(out.resolve(other)).contains(linked);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        assertTrue(anywhere, name + " is linked from no chart");
      }
    }
    Path whole = dir.resolve("whole");
    r = flowc("diagram", "../../examples/hiring", "--workflow", "Recruitment", "--whole", "-o", whole.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("com.acme.hiring/Recruitment.workflow.mmd"), files(whole));
    assertFalse(Files.readString(whole.resolve("com.acme.hiring/Recruitment.workflow.mmd")).contains("click "));
    r = flowc("diagram", "../../examples/hiring", "--workflow", "Recruitment");
    assertEquals(0, r.exit(), r.err());
    assertEquals(overview, r.out());
    assertTrue(r.err().contains("printed the overview; its " + (written.size() - 1) + " part charts"), r.err());
  }

  @Test
  void detailAddsDataAndExpressionsForDevelopers() throws IOException {
    Path model = Files.writeString(dir.resolve("count.flow"), """
        workflow Count {
          starts manually
          input n: Int
          let doubled = n * 2
          if doubled > 10 {
            complete
          }
        }
        """);
    MainTest.Result plain = flowc("diagram", model.toString(), "--workflow", "Count");
    MainTest.Result detail = flowc("diagram", model.toString(), "--workflow", "Count", "--detail");
    assertEquals(0, plain.exit(), plain.err());
    assertEquals(0, detail.exit(), detail.err());
    assertTrue(plain.out().contains("{\"Doubled over 10?\"}"), plain.out());
    assertFalse(plain.out().contains("let doubled"), plain.out());
    assertTrue(detail.out().contains("let doubled = n * 2"), detail.out());
    assertTrue(detail.out().contains("Doubled over 10?<br/>doubled #62; 10"), detail.out());
  }

  @Test
  void bpmnFormatWritesAFilePerProcess() throws IOException {
    Path out = dir.resolve("bpmn");
    MainTest.Result r = flowc("diagram", model().toString(), "--format", "bpmn", "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("com.acme.test/Desk.bpmn"), files(out));
    String xml = Files.readString(out.resolve("com.acme.test/Desk.bpmn"));
    assertTrue(xml.contains("<bpmn:userTask id=\"CheckIn.register\" name=\"Take the guest&apos;s details\">"), xml);
    assertTrue(xml.contains("<bpmn:lane id=\"CheckIn_Lane_1\" name=\"Front-desk clerk\">"), xml);
    assertTrue(xml.contains("<bpmndi:BPMNShape id=\"CheckIn.register-di\" bpmnElement=\"CheckIn.register\">"), xml);
    MainTest.Result one = flowc("diagram", model().toString(), "--format", "bpmn", "--workflow", "CheckIn");
    assertEquals(0, one.exit(), one.err());
    assertEquals(xml, one.out());
  }

  @Test
  void bpmnCommandWritesTheSameFiles() throws IOException {
    Path out = dir.resolve("bpmn");
    MainTest.Result r = flowc("bpmn", model().toString(), "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("wrote 1 BPMN file to " + out + "\n", r.err().replace("\r\n", "\n"));
    assertEquals(List.of("com.acme.test/Desk.bpmn"), files(out));
    String xml = Files.readString(out.resolve("com.acme.test/Desk.bpmn"));
    assertEquals(xml, flowc("diagram", model().toString(), "--format", "bpmn", "--process", "Desk").out());
    assertEquals(xml, flowc("bpmn", model().toString(), "--workflow", "com.acme.test.CheckIn").out());
    MainTest.Result again = flowc("bpmn", model().toString(), "-o", out.toString());
    assertEquals("1 BPMN file in " + out + " is up to date\n", again.err().replace("\r\n", "\n"));
  }

  @Test
  void bpmnCommandBadUsageExitsWithTwo() throws IOException {
    String path = model().toString();
    MainTest.Result none = flowc("bpmn", path);
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("`flowc bpmn` needs -o DIR, or --workflow or --process"), none.err());
    assertEquals(2, flowc("bpmn", path, "--workflow", "CheckIn", "--process", "Desk").exit());
    MainTest.Result unknown = flowc("bpmn", path, "--process", "Dsk");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("no process named `Dsk`: did you mean `Desk`?"), unknown.err());
    assertEquals(2, flowc("bpmn", "-o", dir.toString()).exit());
    Path broken = Files.writeString(dir.resolve("broken.flow"), "workflow W { step a by Nobody }\n");
    Path out = dir.resolve("out");
    MainTest.Result errors = flowc("bpmn", broken.toString(), "-o", out.toString());
    assertEquals(1, errors.exit());
    assertTrue(errors.err().contains("nothing written"), errors.err());
    assertFalse(Files.exists(out));
    MainTest.Result help = flowc("help");
    assertTrue(help.out().contains("  bpmn "), help.out());
    assertEquals(0, flowc("bpmn", "--help").exit());
  }

  @Test
  void aSecondRunChangesNothing() throws IOException {
    Path out = dir.resolve("out");
    assertEquals(0, flowc("diagram", model().toString(), "-o", out.toString()).exit());
    Path file = out.resolve("landscape.mmd");
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(file, old);
    assertEquals(0, flowc("diagram", model().toString(), "-o", out.toString()).exit());
    assertEquals(old, Files.getLastModifiedTime(file));
  }

  @Test
  void oneWorkflowOrProcessGoesToStdout() throws IOException {
    String path = model().toString();
    MainTest.Result w = flowc("diagram", path, "--workflow", "CheckIn");
    assertEquals(0, w.exit(), w.err());
    assertTrue(w.out().contains("flowchart TD") && w.out().contains("accTitle: Workflow com.acme.test.CheckIn"), w.out());
    assertEquals(w.out(), flowc("diagram", path, "--workflow", "com.acme.test.CheckIn").out());
    MainTest.Result p = flowc("diagram", path, "--process", "Desk");
    assertEquals(0, p.exit(), p.err());
    assertTrue(p.out().startsWith("---\n") && p.out().contains("flowchart TB"), p.out());
  }

  @Test
  void lanesAndMarkdown() throws IOException {
    String path = model().toString();
    MainTest.Result lanes = flowc("diagram", path, "--workflow", "CheckIn", "--lanes");
    assertTrue(lanes.out().contains("subgraph lane1 [\"<b>Front-desk clerk</b>\"]"), lanes.out());
    Path out = dir.resolve("md");
    assertEquals(0, flowc("diagram", path, "--format", "markdown", "-o", out.toString()).exit());
    String page = Files.readString(out.resolve("com.acme.test/CheckIn.workflow.md"));
    assertTrue(page.startsWith("# Workflow `com.acme.test.CheckIn`\n\n```mermaid\n---\n"), page);
  }

  @Test
  void badUsageExitsWithTwo() throws IOException {
    String path = model().toString();
    MainTest.Result none = flowc("diagram", path);
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("needs -o DIR, or --workflow or --process"), none.err());
    MainTest.Result both = flowc("diagram", path, "--workflow", "CheckIn", "--process", "Desk");
    assertEquals(2, both.exit());
    MainTest.Result unknown = flowc("diagram", path, "--workflow", "ChekIn");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("no workflow named `ChekIn`: did you mean `CheckIn`?"), unknown.err());
    MainTest.Result format = flowc("diagram", path, "--format", "svg", "-o", dir.toString());
    assertEquals(2, format.exit());
    assertEquals(2, flowc("diagram", "-o", dir.toString()).exit());
  }

  @Test
  void errorsInTheSourcesWriteNothing() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.flow"), "workflow W { step a by Nobody }\n");
    Path out = dir.resolve("out");
    MainTest.Result r = flowc("diagram", broken.toString(), "-o", out.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("error[E100]"), r.err());
    assertTrue(r.err().contains("nothing written"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void docsWritesAPagePerProcessAndAnIndex() throws IOException {
    Path out = dir.resolve("docs");
    MainTest.Result r = flowc("docs", model().toString(), "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("com.acme.test/Desk.md", "index.md"), files(out));
    String page = Files.readString(out.resolve("com.acme.test/Desk.md"));
    assertTrue(page.contains("| Goal | Guests are checked in fast |"), page);
    assertTrue(page.contains("| Register (`register`), task | Front-desk clerk | within 1h | Take the guest's details."),
        page);
    assertTrue(Files.readString(out.resolve("index.md")).contains("[Desk](com.acme.test/Desk.md)"));
  }

  @Test
  void docsNeedsAnOutputDirectory() throws IOException {
    MainTest.Result r = flowc("docs", model().toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("`flowc docs` needs -o DIR"), r.err());
  }

  @Test
  void helpListsDiagramAndDocs() {
    MainTest.Result r = flowc("help");
    assertTrue(r.out().contains("  diagram "), r.out());
    assertTrue(r.out().contains("  docs "), r.out());
    MainTest.Result d = flowc("diagram", "--help");
    assertEquals(0, d.exit());
    assertTrue(d.out().contains("--lanes"), d.out());
  }
}
