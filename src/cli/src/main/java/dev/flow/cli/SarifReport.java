package dev.flow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Severity;
import dev.flow.compiler.source.SourceSpan;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The diagnostics as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), for
 * code scanning: one run of the tool {@code flowc}, whose rules are the diagnostic codes, and
 * one result per diagnostic with its place. Lines and columns are 1-based, columns count code
 * points ({@code columnKind: unicodeCodePoints}) and the end column is just after the last
 * character, as SARIF's regions have it. A relative file name stays relative (GitHub resolves it
 * against the checkout); an absolute one becomes a {@code file:} URI.
 */
final class SarifReport {
  private SarifReport() {}

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static String of(List<Diagnostic> diagnostics) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "flowc");
    driver.put("version", Version.get());
    ArrayNode rules = driver.putArray("rules");
    Code[] codes = Code.values();
    for (Code code : codes) {
      ObjectNode rule = rules.addObject();
      rule.put("id", code.name());
      rule.putObject("shortDescription").put("text", code.title());
      rule.putObject("defaultConfiguration").put("level", level(code.severity()));
    }
    run.put("columnKind", "unicodeCodePoints");
    ArrayNode results = run.putArray("results");
    for (Diagnostic d : diagnostics) {
      ObjectNode result = results.addObject();
      result.put("ruleId", d.code().name());
      result.put("ruleIndex", d.code().ordinal());
      result.put("level", level(d.severity()));
      result.putObject("message").put("text", text(d));
      SourceSpan s = d.span();
      if (!s.isNone()) {
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(s.fileName()));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", s.line());
        region.put("startColumn", s.column());
        region.put("endLine", s.endLine());
        region.put("endColumn", Math.max(s.endColumn(), s.endLine() == s.line() ? s.column() + 1 : 1));
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the diagnostics as SARIF", e);
    }
  }

  private static String level(Severity severity) {
    return severity == Severity.ERROR ? "error" : "warning";
  }

  /** The message with its label, notes and help, one per line. */
  static String text(Diagnostic d) {
    StringBuilder text = new StringBuilder(d.message());
    if (!d.label().isEmpty()) {
      text.append(": ").append(d.label());
    }
    for (String note : d.notes()) {
      text.append("\nnote: ").append(note);
    }
    d.help().ifPresent(h -> text.append("\nhelp: ").append(h));
    return text.toString();
  }

  /** A URI reference for a file name: relative with {@code /}, or {@code file:} when absolute. */
  static String uri(String fileName) {
    try {
      Path path = Path.of(fileName);
      if (path.isAbsolute()) {
        return path.toUri().toString();
      }
      String slashed = fileName.replace(path.getFileSystem().getSeparator(), "/");
      return new URI(null, null, slashed, null).toASCIIString();
    } catch (InvalidPathException | URISyntaxException e) {
      throw new IllegalStateException("a file name that is no path: " + fileName, e);
    }
  }
}
