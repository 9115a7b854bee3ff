package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records and events built in expressions and lists joined with {@code +} (issue 11, data), on
 * generated code: {@code execution/data.flow} compiled to Java, compiled in-process and run on
 * the engine with a manual clock.
 */
class DataTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/data.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  private static Map<String, Object> document(String name, String url, long pages) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("url", url);
    d.put("pages", pages);
    return d;
  }

  @Test
  void aLoopCollectsOneValuePerItemInOrder() {
    run.answers.put("pagesOf", args -> (long) args[0].toString().length());
    run.answers.put("store", args -> "stored " + Running.fields(args[0]).get("name"));
    String id = run.start("Collect", Map.of("names", List.of("a", "bb", "ccc")));
    Map<String, Object> out = run.output(id);
    List<?> documents = (List<?>) out.get("documents");
    assertEquals(List.of(document("a", null, 1), document("bb", null, 2), document("ccc", null, 3)),
        documents.stream().map(Running::fields).toList());
    assertEquals(List.of("stored a", "stored bb", "stored ccc"), out.get("stored"));
    assertThrows(UnsupportedOperationException.class, () -> ((List<?>) out.get("stored")).clear(),
        "a joined list is a value: it cannot be changed behind the workflow's back");
  }

  @Test
  void fieldsComeInAnyOrderAndOptionalOnesMayBeLeftOut() {
    String id = run.start("Build", Map.of("pages", 4));
    Map<String, Object> out = run.output(id);
    assertEquals(document("report", null, 8), Running.fields(out.get("document")));
    Map<String, Object> summary = Running.fields(out.get("summary"));
    assertEquals(8L, summary.get("count"));
    assertEquals(0, new BigDecimal("10").compareTo((BigDecimal) summary.get("total")), "an Int widens to a Decimal field");
    assertEquals("from report", summary.get("note"));
    assertEquals("no url", out.get("url"));
  }

  @Test
  void anOmittedOptionalFieldIsNone() {
    assertEquals(Map.of("note", "none given"), run.output(run.start("Empty", Map.of())));
  }

  @Test
  void listsJoinLeftThenRightAndKeepNone() {
    String id = run.start("Join", Map.of("a", List.of(1, 2), "b", List.of(3)));
    Map<String, Object> out = run.output(id);
    assertEquals(List.of(1L, 2L, 3L, 7L), out.get("all"));
    assertEquals(Arrays.asList("x", null), out.get("maybe"));
    Map<String, Object> filed = Running.fields(out.get("filed"));
    assertEquals(document("n", "u", 1), Running.fields(filed.get("document")));
    assertEquals(Instant.parse(Running.START), filed.get("at"));
  }
}
