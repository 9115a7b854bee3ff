package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON document, field by field, including text that needs escaping. */
class JsonReportTest {
  @Test
  void everyFieldOfAWarningWithNotesAndHelp() throws Exception {
    SourceFile file = new SourceFile("dir/\"odd\".flow", "role \u00e9t\u00e9\n");
    Diagnostic d = Diagnostic.of(Code.W001, file.span(5, 8), "role `\u00e9t\u00e9` should be \"UpperCamelCase\"")
        .withLabel("here")
        .withNote("first\nnote")
        .withHelp("rename it to `\u00c9t\u00e9`");
    JsonNode root = new ObjectMapper().readTree(JsonReport.of(List.of(d)));
    JsonNode n = root.get("diagnostics").get(0);
    assertEquals("dir/\"odd\".flow", n.get("file").asText());
    assertEquals(1, n.get("line").asInt());
    assertEquals(6, n.get("column").asInt());
    assertEquals(1, n.get("endLine").asInt());
    assertEquals(9, n.get("endColumn").asInt());
    assertEquals("warning", n.get("severity").asText());
    assertEquals("W001", n.get("code").asText());
    assertEquals("role `\u00e9t\u00e9` should be \"UpperCamelCase\"", n.get("message").asText());
    assertEquals("here", n.get("label").asText());
    assertEquals("first\nnote", n.get("notes").get(0).asText());
    assertEquals("rename it to `\u00c9t\u00e9`", n.get("help").asText());
    assertEquals(0, root.get("errors").asInt());
    assertEquals(1, root.get("warnings").asInt());
  }

  @Test
  void aDiagnosticWithoutAPlaceHasNullLocation() throws Exception {
    Diagnostic d = Diagnostic.of(Code.E100, SourceSpan.NONE, "somewhere");
    JsonNode n = new ObjectMapper().readTree(JsonReport.of(List.of(d))).get("diagnostics").get(0);
    for (String field : List.of("file", "line", "column", "endLine", "endColumn", "help")) {
      assertTrue(n.get(field).isNull(), field);
    }
  }
}
