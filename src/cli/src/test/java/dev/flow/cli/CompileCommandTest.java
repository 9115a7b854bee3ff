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

/** {@code flowc compile}, in-process. */
class CompileCommandTest {
  @TempDir Path dir;

  Path model() throws IOException {
    return Files.writeString(dir.resolve("desk.flow"), DiagramCommandTest.MODEL);
  }

  static List<String> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  @Test
  void writesTheJavaOfEveryDeclaration() throws IOException {
    Path out = dir.resolve("gen");
    MainTest.Result r = MainTest.flowc("compile", model().toString(), "-d", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals("wrote 3 Java files to " + out + "\n", r.err().replace("\r\n", "\n"));
    assertEquals(List.of("com/acme/test/CheckIn.java", "com/acme/test/Desk.java", "com/acme/test/TestModule.java"),
        files(out));
    String workflow = Files.readString(out.resolve("com/acme/test/CheckIn.java"));
    assertTrue(workflow.contains("public final class CheckIn implements Workflow<CheckIn.Input, CheckIn.Output>"), workflow);
    assertTrue(workflow.contains("register = ctx.task(REGISTER);"), workflow);

    MainTest.Result again = MainTest.flowc("compile", model().toString(), "-d", out.toString());
    assertEquals("3 Java files in " + out + " are up to date\n", again.err().replace("\r\n", "\n"));
    Files.writeString(out.resolve("com/acme/test/Desk.java"), "changed by hand");
    MainTest.Result one = MainTest.flowc("compile", model().toString(), "-d", out.toString());
    assertEquals("wrote 1 of 3 Java files to " + out + " (2 unchanged)\n", one.err().replace("\r\n", "\n"));
  }

  @Test
  void writesTheDiagramsToo() throws IOException {
    Path out = dir.resolve("gen");
    Path diagrams = dir.resolve("diagrams");
    MainTest.Result r = MainTest.flowc("compile", model().toString(), "-d", out.toString(), "--diagrams", diagrams.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("wrote 3 Java files to " + out + "; wrote 3 diagrams to " + diagrams), r.err());
    assertEquals(List.of("com.acme.test/CheckIn.workflow.mmd", "com.acme.test/Desk.process.mmd", "landscape.mmd"),
        files(diagrams));
  }

  @Test
  void writesTheBpmnToo() throws IOException {
    Path out = dir.resolve("gen");
    Path bpmn = dir.resolve("bpmn");
    MainTest.Result r = MainTest.flowc("compile", model().toString(), "-d", out.toString(), "--bpmn", bpmn.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("wrote 3 Java files to " + out + "; wrote 1 BPMN file to " + bpmn), r.err());
    assertEquals(List.of("com.acme.test/Desk.bpmn"), files(bpmn));
    assertEquals(MainTest.flowc("bpmn", model().toString(), "--process", "Desk").out(),
        Files.readString(bpmn.resolve("com.acme.test/Desk.bpmn")));
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    MainTest.Result notADirectory =
        MainTest.flowc("compile", model().toString(), "-d", out.toString(), "--bpmn", file.toString());
    assertEquals(2, notADirectory.exit());
    assertTrue(notADirectory.err().contains("not a directory: " + file), notADirectory.err());
  }

  @Test
  void errorsWriteNothing() throws IOException {
    Path out = dir.resolve("gen");
    Path broken = Files.writeString(dir.resolve("broken.flow"), "package com.acme.test\nworkflow W { step s by Nobody }\n");
    MainTest.Result r = MainTest.flowc("compile", broken.toString(), "-d", out.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("error[E100]"), r.err());
    assertTrue(r.err().contains("nothing written"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aFileWithoutPackageIsAnErrorForCompileOnly() throws IOException {
    Path out = dir.resolve("gen");
    Path file = Files.writeString(dir.resolve("loose.flow"), "role Clerk\n");
    assertEquals(0, MainTest.flowc("check", "-q", file.toString()).exit());
    MainTest.Result r = MainTest.flowc("compile", file.toString(), "-d", out.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("error[E105]"), r.err());
    assertEquals(List.of(), files(out));
  }

  @Test
  void aSecondRunRewritesNothingAndKeepsOtherFiles() throws IOException {
    Path out = dir.resolve("gen");
    assertEquals(0, MainTest.flowc("compile", model().toString(), "-d", out.toString()).exit());
    Path file = out.resolve("com/acme/test/CheckIn.java");
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(file, old);
    Path mine = Files.writeString(out.resolve("com/acme/test/Mine.java"), "// mine\n");
    MainTest.Result r = MainTest.flowc("compile", "-q", model().toString(), "-d", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals(old, Files.getLastModifiedTime(file));
    assertEquals("// mine\n", Files.readString(mine));
  }

  @Test
  void needsFilesAndAnOutputDirectory() throws IOException {
    MainTest.Result none = MainTest.flowc("compile", "-d", dir.resolve("gen").toString());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("`flowc compile` needs the files or directories to compile"), none.err());
    MainTest.Result noOut = MainTest.flowc("compile", model().toString());
    assertEquals(2, noOut.exit());
    assertTrue(noOut.err().contains("needs -d OUT"), noOut.err());
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    MainTest.Result notDir = MainTest.flowc("compile", model().toString(), "-d", file.toString());
    assertEquals(2, notDir.exit());
    assertTrue(notDir.err().contains("not a directory: " + file), notDir.err());
  }

  @Test
  void isListedInHelp() {
    MainTest.Result r = MainTest.flowc("help");
    assertTrue(r.out().contains("compile"), r.out());
    MainTest.Result help = MainTest.flowc("compile", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("--diagrams"), help.out());
  }
}
