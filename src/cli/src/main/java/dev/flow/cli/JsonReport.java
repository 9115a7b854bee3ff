package dev.flow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.source.SourceSpan;
import java.util.List;

/**
 * The diagnostics as one JSON document, for tools:
 *
 * <pre>
 * {"diagnostics": [{"file", "line", "column", "endLine", "endColumn", "severity", "code",
 *                   "message", "label", "notes", "help"}],
 *  "errors": N, "warnings": N}
 * </pre>
 *
 * Lines and columns are 1-based, columns count code points, {@code endColumn} is just after the
 * last character. A diagnostic without a place has null {@code file}, lines and columns;
 * {@code help} is null when there is none.
 */
final class JsonReport {
  private JsonReport() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static String of(List<Diagnostic> diagnostics) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("diagnostics");
    long errors = 0;
    for (Diagnostic d : diagnostics) {
      ObjectNode node = list.addObject();
      SourceSpan s = d.span();
      if (s.isNone()) {
        node.putNull("file");
        node.putNull("line");
        node.putNull("column");
        node.putNull("endLine");
        node.putNull("endColumn");
      } else {
        node.put("file", s.fileName());
        node.put("line", s.line());
        node.put("column", s.column());
        node.put("endLine", s.endLine());
        node.put("endColumn", s.endColumn());
      }
      node.put("severity", d.severity().label());
      node.put("code", d.code().name());
      node.put("message", d.message());
      node.put("label", d.label());
      ArrayNode notes = node.putArray("notes");
      d.notes().forEach(notes::add);
      node.put("help", d.help().orElse(null));
      if (d.isError()) {
        errors++;
      }
    }
    root.put("errors", errors);
    root.put("warnings", diagnostics.size() - errors);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the diagnostics as JSON", e);
    }
  }
}
