package dev.flow.cli;

import static dev.flow.cli.MainTest.flowc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.flow.cli.MainTest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowc check --format sarif|github}: a SARIF log that the SARIF 2.1.0 schema accepts, and GitHub annotations. */
class SarifReportTest {
  /** One error (E100 at 4:16) and one warning (W001 at 3:6). */
  static final String MISTAKES = "package com.acme.test\n\nrole clerk\nworkflow W { owner Clrk }\n";

  @TempDir Path dir;

  static Schema sarifSchema() throws IOException {
    try (InputStream in = SarifReportTest.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      assertNotNull(in, "the SARIF schema is on the test class path");
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }

  static void assertValid(String sarif) throws IOException {
    List<Error> errors = sarifSchema().validate(sarif, InputFormat.JSON);
    assertTrue(errors.isEmpty(), () -> errors + "\n" + sarif);
  }

  @Test
  void sarifOfErrorsAndWarningsIsValidAndComplete() throws IOException {
    Path file = Files.writeString(dir.resolve("my model.flow"), MISTAKES);
    Result r = flowc("check", "--format", "sarif", "-q", file.toString());
    assertEquals(1, r.exit());
    assertEquals("", r.err());
    assertValid(r.out());
    JsonNode run = MainTest.json(r.out()).get("runs").get(0);
    assertEquals("2.1.0", MainTest.json(r.out()).get("version").asText());
    assertEquals("flowc", run.get("tool").get("driver").get("name").asText());
    JsonNode results = run.get("results");
    assertEquals(2, results.size());
    JsonNode warning = results.get(0);
    assertEquals("W001", warning.get("ruleId").asText());
    assertEquals("warning", warning.get("level").asText());
    JsonNode error = results.get(1);
    assertEquals("E100", error.get("ruleId").asText());
    assertEquals("error", error.get("level").asText());
    assertTrue(error.get("message").get("text").asText().startsWith("unknown role `Clrk`"), error.toString());
    JsonNode location = error.get("locations").get(0).get("physicalLocation");
    assertEquals(file.toUri().toString(), location.get("artifactLocation").get("uri").asText());
    assertEquals(4, location.get("region").get("startLine").asInt());
    assertEquals(20, location.get("region").get("startColumn").asInt());
    assertEquals(24, location.get("region").get("endColumn").asInt());
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertEquals("E100", rules.get(error.get("ruleIndex").asInt()).get("id").asText());
  }

  @Test
  void sarifWithoutProblemsAndOfTheExamplesIsValid() throws IOException {
    Path file = Files.writeString(dir.resolve("clean.flow"), MainTest.CLEAN);
    Result clean = flowc("check", "--format", "sarif", file.toString());
    assertEquals(0, clean.exit());
    assertValid(clean.out());
    assertEquals(0, MainTest.json(clean.out()).get("runs").get(0).get("results").size());
    Result examples = flowc("check", "--format", "sarif", "../../examples");
    assertValid(examples.out());
  }

  @Test
  void theSchemaRejectsWhatIsNotSarif() throws IOException {
    assertTrue(!sarifSchema().validate("{\"runs\": [{\"results\": 3}]}", InputFormat.JSON).isEmpty());
  }

  @Test
  void relativeNamesStayRelativeUris() {
    assertEquals("models/my%20model.flow", SarifReport.uri("models/my model.flow"));
    assertEquals("a.flow", SarifReport.uri("a.flow"));
  }

  @Test
  void githubAnnotationsNameThePlaceAndEscapeTheText() throws IOException {
    Path file = Files.writeString(dir.resolve("a.flow"), MISTAKES);
    Result r = flowc("check", "--format", "github", "-q", file.toString());
    assertEquals(1, r.exit());
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length, r.out());
    String name = GithubReport.property(file.toString());
    assertEquals("::warning file=" + name + ",line=3,col=6,endLine=3,endColumn=11,title=W001 naming convention::",
        lines[0].substring(0, lines[0].indexOf("::", 2) + 2));
    assertTrue(lines[1].startsWith("::error file=" + name
            + ",line=4,col=20,endLine=4,endColumn=24,title=E100 unknown name::unknown role `Clrk`"),
        lines[1]);
    assertEquals("100%25 a%0Ab%0Dc", GithubReport.data("100% a\nb\rc"));
    assertEquals("a%3Ab%2Cc", GithubReport.property("a:b,c"));
  }
}
