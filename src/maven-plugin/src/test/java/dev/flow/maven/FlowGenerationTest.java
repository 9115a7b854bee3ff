package dev.flow.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's work without Maven: what is generated, skipped, rewritten and deleted. */
class FlowGenerationTest {
  private static final String MODEL = """
      package com.acme.desk

      role Clerk

      record Ticket { title: Text }
      """;
  private static final String WORKFLOW = """
      package com.acme.desk

      workflow Triage {
        owner Clerk
        input ticket: Ticket
        step look by Clerk within 1d
      }
      """;

  @TempDir
  Path project;

  private Path src() {
    return project.resolve("src/main/flow");
  }

  private Path java() {
    return project.resolve("target/generated-sources/flow");
  }

  private Path docs() {
    return project.resolve("target/generated-docs/flow");
  }

  private Path bpmn() {
    return project.resolve("target/generated-docs/flow-bpmn");
  }

  private FlowGeneration.Result run() throws IOException {
    return run("tool 1", false);
  }

  private FlowGeneration.Result run(String tool, boolean warningsAsErrors) throws IOException {
    FlowGeneration.Settings settings = new FlowGeneration.Settings(project, src(), java(), Optional.of(docs()),
        Optional.of(bpmn()), project.resolve("target/flow-maven-plugin/default.state"), tool, warningsAsErrors);
    return new FlowGeneration(settings, OutputFiles.fileSystem()).run();
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(src());
    Files.writeString(src().resolve(name), text, StandardCharsets.UTF_8);
  }

  /** Every file under target/, with its modification time. */
  private Map<Path, FileTime> times() throws IOException {
    Map<Path, FileTime> times = new TreeMap<>();
    try (Stream<Path> files = Files.walk(project.resolve("target"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        times.put(project.relativize(file), Files.getLastModifiedTime(file));
      }
    }
    return times;
  }

  /** Sets every file under target/ back in time, so that a rewrite shows even on coarse clocks. */
  private void age() throws IOException {
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    try (Stream<Path> files = Files.walk(project.resolve("target"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, old);
      }
    }
  }

  @Test
  void generatesJavaAndDiagramsThenASecondRunTouchesNothing() throws IOException {
    write("model.flow", MODEL);
    write("triage.flow", WORKFLOW);
    FlowGeneration.Result first = run();
    assertEquals(FlowGeneration.Status.GENERATED, first.status());
    assertTrue(Files.isRegularFile(java().resolve("com/acme/desk/Triage.java")));
    assertTrue(Files.isRegularFile(java().resolve("com/acme/desk/Ticket.java")));
    assertTrue(Files.isRegularFile(docs().resolve("com.acme.desk/Triage.workflow.mmd")));
    assertTrue(Files.readString(bpmn().resolve("com.acme.desk/Triage.bpmn")).contains("<bpmn:collaboration "));
    assertEquals(first.counts().written(), first.counts().written() + first.counts().unchanged());

    age();
    Map<Path, FileTime> before = times();
    FlowGeneration.Result second = run();
    assertEquals(FlowGeneration.Status.UP_TO_DATE, second.status());
    assertEquals(before, times());
  }

  @Test
  void aChangeRewritesOnlyTheOutputsWhoseContentChanged() throws IOException {
    write("model.flow", MODEL);
    write("triage.flow", WORKFLOW);
    run();
    age();
    Map<Path, FileTime> before = times();
    write("triage.flow", WORKFLOW.replace("within 1d", "within 2d"));
    FlowGeneration.Result result = run();
    assertEquals(FlowGeneration.Status.GENERATED, result.status());
    Map<Path, FileTime> after = times();
    List<Path> changed = after.keySet().stream().filter(p -> !after.get(p).equals(before.get(p))).toList();
    assertTrue(changed.contains(Path.of("target/generated-sources/flow/com/acme/desk/Triage.java")), changed.toString());
    assertFalse(changed.contains(Path.of("target/generated-sources/flow/com/acme/desk/Ticket.java")), changed.toString());
  }

  @Test
  void aDeletedWorkflowDeletesItsOutputsButNothingElse() throws IOException {
    write("model.flow", MODEL);
    write("triage.flow", WORKFLOW);
    run();
    Path mine = java().resolve("com/acme/desk/Handwritten.java");
    Files.writeString(mine, "// not the plugin's");
    Files.delete(src().resolve("triage.flow"));
    FlowGeneration.Result result = run();
    assertEquals(FlowGeneration.Status.GENERATED, result.status());
    assertFalse(Files.exists(java().resolve("com/acme/desk/Triage.java")));
    assertFalse(Files.exists(docs().resolve("com.acme.desk")), "a directory left empty goes too");
    assertFalse(Files.exists(bpmn().resolve("com.acme.desk/Triage.bpmn")));
    assertTrue(Files.exists(java().resolve("com/acme/desk/Ticket.java")));
    assertTrue(Files.exists(mine), "a file the plugin did not write is never deleted");
    assertTrue(result.counts().deleted() >= 2);
  }

  @Test
  void anErrorFailsWithTheDiagnosticAndWritesNothing() throws IOException {
    write("model.flow", MODEL);
    write("triage.flow", WORKFLOW.replace("owner Clerk", "owner Clark"));
    FlowGeneration.Result result = run();
    assertEquals(FlowGeneration.Status.FAILED, result.status());
    assertEquals("Flow: 1 error in .flow files\n"
        + "src/main/flow/triage.flow:4:9: error[E100]: unknown role `Clark`",
        GenerateMojo.failureMessage(result.diagnostics()));
    assertEquals(src().resolve("triage.flow"), result.fileOf().get("src/main/flow/triage.flow"));
    assertFalse(Files.exists(java()));
    assertEquals(FlowGeneration.Status.FAILED, run().status(), "a failed build is not remembered as done");
  }

  @Test
  void warningsFailOnlyWithWarningsAsErrors() throws IOException {
    write("model.flow", MODEL + "\nrole Unused\n");
    write("triage.flow", WORKFLOW);
    FlowGeneration.Result lenient = run("tool 1", false);
    assertEquals(FlowGeneration.Status.GENERATED, lenient.status());
    assertFalse(lenient.diagnostics().isEmpty(), "an unused role is a warning");
    assertEquals(FlowGeneration.Status.FAILED, run("tool 1", true).status());
  }

  @Test
  void anotherToolOrMissingOutputRegenerates() throws IOException {
    write("model.flow", MODEL);
    run();
    assertEquals(FlowGeneration.Status.GENERATED, run("tool 2", false).status());
    Files.delete(java().resolve("com/acme/desk/Ticket.java"));
    assertEquals(FlowGeneration.Status.GENERATED, run("tool 2", false).status());
    assertTrue(Files.exists(java().resolve("com/acme/desk/Ticket.java")));
  }

  @Test
  void noSourcesIsNotAnError() throws IOException {
    assertEquals(FlowGeneration.Status.NO_SOURCES, run().status());
    assertFalse(Files.exists(project.resolve("target")));
  }
}
