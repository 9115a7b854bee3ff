package dev.flow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.FlowOptional;
import dev.flow.runtime.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forms made from a record type alone: a start form or an event form. */
class FormsTest {
  public record Address(String street, @FlowOptional String floor) {}

  public record Request(String title, @FlowOptional String note, @FlowOptional Boolean urgent, @FlowOptional Address deliverTo,
      Address billTo) {}

  @Test
  void optionalFieldsOfAnInputRecordAreMarkedAndMayBeLeftEmpty() {
    List<Forms.Field> fields = Forms.fields(Request.class, "");
    assertEquals(List.of(false, true, true, true, false), fields.stream().map(Forms.Field::optional).toList());

    StringBuilder html = new StringBuilder();
    Forms.render(html, fields, Map.of(), 0);
    String form = html.toString();
    assertTrue(form.contains("Note <span class=\"hint\">(optional)</span>"), form);
    assertTrue(form.contains("<legend>Deliver to <span class=\"hint\">(optional)</span></legend>"), form);
    assertTrue(form.contains("<legend>Bill to</legend>"), form);
    assertTrue(form.contains("Floor <span class=\"hint\">(optional)</span>"), "inside a record too: " + form);
    assertTrue(form.contains("<select id=\"f-urgent\" name=\"urgent\"><option value=\"\"></option>"),
        "an optional yes/no can be left unanswered: " + form);

    Map<String, List<String>> sent = new HashMap<>();
    sent.put("title", List.of("Chairs"));
    sent.put("note", List.of(""));
    sent.put("urgent", List.of(""));
    sent.put("deliverTo.street", List.of(" "));
    sent.put("deliverTo.floor", List.of(""));
    sent.put("billTo.street", List.of("Main St 1"));
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = Forms.read(fields, sent, problems, 0);
    assertEquals(List.of(), problems);
    assertFalse(values.containsKey("deliverTo"), "an optional record left empty is none: " + values);
    Request request = (Request) Values.convert(values, Request.class);
    assertEquals(new Request("Chairs", null, null, null, new Address("Main St 1", null)), request);
  }
}
