package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowc lsp}: a whole LSP session on stdin, nothing but LSP messages on stdout. */
class LspCommandTest {
  @TempDir
  Path root;

  private static String frame(String json) {
    return "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
  }

  /** What one run of {@code flowc lsp} left. */
  private record Run(int exit, byte[] out, String err) {}

  /** Runs {@code flowc lsp} on a session given as the client's messages. */
  private static Run session(List<String> args, String... messages) {
    StringBuilder input = new StringBuilder();
    for (String m : messages) {
      input.append(frame(m));
    }
    byte[] bytes = input.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    LspCommand lsp = new LspCommand(() -> new ByteArrayInputStream(bytes));
    int exit = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Commands.withHelp(List.of(lsp)));
    return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Splits stdout into LSP messages, failing on anything that is not one. */
  private static List<JsonNode> messages(byte[] out) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    String ascii = new String(out, StandardCharsets.ISO_8859_1);
    int i = 0;
    while (i < out.length) {
      int separator = ascii.indexOf("\r\n\r\n", i);
      assertTrue(separator > i, "not an LSP message on stdout at byte " + i);
      int length = -1;
      for (String header : ascii.substring(i, separator).split("\r\n")) {
        assertTrue(header.matches("Content-(Length|Type): .+"), () -> "not an LSP header on stdout: " + header);
        if (header.startsWith("Content-Length: ")) {
          length = Integer.parseInt(header.substring("Content-Length: ".length()));
        }
      }
      assertTrue(length >= 0, "an LSP message without Content-Length");
      int body = separator + 4;
      all.add(new ObjectMapper().readTree(new String(out, body, length, StandardCharsets.UTF_8)));
      i = body + length;
    }
    return all;
  }

  @Test
  void aSessionOnStdinGetsOnlyProtocolOnStdoutAndExitsWithZero() throws Exception {
    Files.writeString(root.resolve("a.flow"), "package p\nrole Clerk\nrole Clerk\n", StandardCharsets.UTF_8);
    String uri = root.toUri().toString();
    Run r = session(List.of("lsp"),
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
            + "\"capabilities\":{},\"workspaceFolders\":[{\"uri\":\"" + uri + "\",\"name\":\"w\"}]}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"workspace/symbol\",\"params\":{\"query\":\"Clerk\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    assertEquals(0, r.exit(), r.err());
    List<JsonNode> messages = messages(r.out());
    JsonNode init = messages.stream().filter(m -> m.path("id").asInt() == 1).findFirst().orElseThrow();
    assertEquals("flowc", init.path("result").path("serverInfo").path("name").asText());
    assertTrue(init.path("result").path("capabilities").path("completionProvider").isObject());
    JsonNode symbols = messages.stream().filter(m -> m.path("id").asInt() == 2).findFirst().orElseThrow();
    assertEquals(2, symbols.path("result").size(), symbols::toString);
    JsonNode diagnostics = messages.stream()
        .filter(m -> "textDocument/publishDiagnostics".equals(m.path("method").asText()))
        .findFirst().orElseThrow();
    assertEquals("E101", diagnostics.path("params").path("diagnostics").get(0).path("code").asText());
    assertTrue(r.err().contains("[flow-lsp] analysed 1 files"), r.err());
  }

  @Test
  void exitWithoutShutdownExitsWithOne() {
    Run r = session(List.of("lsp", "--stdio"),
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":{}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    assertEquals(1, r.exit(), r.err());
  }

  @Test
  void filesAreNotArguments() {
    Run r = session(List.of("lsp", "x.flow"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("`flowc lsp` takes no files"), r.err());
  }

  @Test
  void helpListsTheCommand() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, exit);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("  lsp "), out::toString);
  }
}
