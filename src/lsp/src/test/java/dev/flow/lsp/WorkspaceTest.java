package dev.flow.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which documents make the model, what they are called, and how open buffers override files on disk. */
class WorkspaceTest {
  @TempDir
  Path root;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final Workspace workspace = new Workspace(new ServerLog(new PrintStream(log, true, StandardCharsets.UTF_8)));

  private void write(String relative, String text) throws Exception {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theFilesUnderTheFoldersAreReadAndBuildFoldersSkipped() throws Exception {
    write("a/one.flow", "role A\n");
    write("b/two.flow", "role B\n");
    write("target/copy.flow", "role C\n");
    write("target-lsp/copy.flow", "role C\n");
    write(".hidden/x.flow", "role D\n");
    write("node_modules/y.flow", "role E\n");
    write("notes.txt", "not flow");
    Files.write(root.resolve("a/bad.flow"), new byte[] {(byte) 0xff, (byte) 0xfe});
    workspace.setRoots(List.of(root));
    Map<String, Workspace.Document> docs = workspace.documents().byKey();
    assertEquals(List.of("a/one.flow", "b/two.flow"), docs.values().stream().map(Workspace.Document::name).toList());
    Workspace.Document one = docs.values().iterator().next();
    assertEquals("role A\n", one.text());
    assertNull(one.version());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("not a UTF-8 text file"));
  }

  @Test
  void openBuffersOverrideDiskAndCloseGoesBackToDisk() throws Exception {
    write("one.flow", "role A\n");
    workspace.setRoots(List.of(root));
    String uri = root.resolve("one.flow").toUri().toString();
    long before = workspace.generation();
    workspace.opened(uri, "role Changed\n", 3);
    assertTrue(workspace.generation() > before);
    Workspace.Document doc = workspace.documents().byKey().get(Workspace.keyOf(uri));
    assertEquals("role Changed\n", doc.text());
    assertEquals(3, doc.version());
    assertEquals(uri, doc.uri());
    workspace.closed(uri);
    assertEquals("role A\n", workspace.documents().byKey().get(Workspace.keyOf(uri)).text());
  }

  @Test
  void aDocumentOutsideTheFoldersIsPartOfTheModelWhileOpen() {
    workspace.setRoots(List.of(root));
    workspace.opened("untitled:Untitled-1", "role X\n", 1);
    Workspace.Document doc = workspace.documents().byKey().get("untitled:Untitled-1");
    assertEquals("untitled:Untitled-1", doc.name());
    workspace.closed("untitled:Untitled-1");
    assertFalse(workspace.documents().byKey().containsKey("untitled:Untitled-1"));
  }

  @Test
  void filesChangedOnDiskAreReadAgain() throws Exception {
    write("one.flow", "role A\n");
    workspace.setRoots(List.of(root));
    String uri = root.resolve("one.flow").toUri().toString();
    write("one.flow", "role B\n");
    workspace.diskChanged(uri);
    assertEquals("role B\n", workspace.documents().byKey().get(Workspace.keyOf(uri)).text());
    Files.delete(root.resolve("one.flow"));
    workspace.diskChanged(uri);
    assertTrue(workspace.documents().byKey().isEmpty());
    write("target/generated.flow", "role G\n");
    workspace.diskChanged(root.resolve("target/generated.flow").toUri().toString());
    assertTrue(workspace.documents().byKey().isEmpty(), "a build folder stays out");
  }

  @Test
  void urisOfOneFileGiveOneKey() {
    Path p = root.resolve("x.flow");
    String plain = p.toUri().toString();
    String dotted = plain.replace("/x.flow", "/./x.flow");
    assertEquals(Workspace.keyOf(plain), Workspace.keyOf(dotted));
    assertEquals("untitled:1", Workspace.keyOf("untitled:1"));
  }
}
