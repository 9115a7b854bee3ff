package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordsTest {
  @Test
  void identifiersBecomeWords() {
    assertEquals("Assign checklist", Words.humanize("assignChecklist"));
    assertEquals("Send to CRM now", Words.humanize("sendToCRMNow"));
    assertEquals("Round 2 review", Words.humanize("round2Review"));
    assertEquals("Snake case name", Words.humanize("snake_case_name"));
    assertEquals("Qualify", Words.humanize("qualify"));
    assertEquals("HTTP client", Words.humanize("HTTPClient"));
    assertEquals("Operational", Words.humanize("operational"));
  }
}
