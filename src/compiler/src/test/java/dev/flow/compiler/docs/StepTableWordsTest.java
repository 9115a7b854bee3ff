package dev.flow.compiler.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.diagram.DiagramTesting;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "Time limit, where" column of a docs page's step table says where a step is in the words of the
 * diagrams, with the code after it for a developer; a notification to an address names the person.
 */
class StepTableWordsTest {
  private static final String MODEL = """
      package com.acme.words

      role Clerk
      system Email {}
      enum Health { OnTrack, AtRisk }
      record Update { health: Health }
      record ActiveProject { client: Text }
      event Answer { id: Text }
      process Words {
        category operational
        goal "words"
        owner Clerk
        workflows Check
      }
      workflow Check {
        owner Clerk
        starts manually
        input shortlist: List<Text>
        input update: Update
        input clientEmail: Text
        input id: Text
        input watcher: Text
        input listActive: List<ActiveProject>
        notify watcher via Email "started"
        for each active in listActive in parallel {
          notify Clerk "{active.client}"
        }
        for each name in shortlist {
          notify Clerk "{name}"
        }
        if size(shortlist) == 0 {
          notify Clerk "nobody"
        }
        match update.health {
          AtRisk -> {
            notify clientEmail via Email "at risk"
          }
          else -> {
            notify Clerk "fine"
          }
        }
        receive answer: Answer where answer.id == id
      }
      """;

  private static String page() {
    return Docs.files(DiagramTesting.model(MODEL)).get("com.acme.words/Words.md");
  }

  @Test
  void conditionsAreInWordsThenInCode() {
    String page = page();
    for (String expected : List.of("| if shortlist empty (`size(shortlist) == 0`) |",
        "| health is at risk (`update.health` is `AtRisk`) |", "| health is anything else (`update.health`) |",
        "Where `answer.id == id`.")) { // a receive's where is a rule for matching events: code
      assertTrue(page.contains(expected), () -> "missing " + expected + " in\n" + page);
    }
    assertFalse(page.contains("| if `size(shortlist) == 0` |"), page);
  }

  @Test
  void aNotificationToAnAddressNamesThePersonThenTheAddress() {
    String page = page();
    assertTrue(page.contains("| Notify the client (`clientEmail`), notification | via Email |"), page);
    assertTrue(page.contains("| Notify Clerk, notification |"), page);
    assertTrue(page.contains("| Notify the watcher, notification |"), page); // a name that says it: no code
  }

  @Test
  void aLoopSaysWhatItTakesInWordsThenInCode() {
    String page = page();
    // The items' type when they are records, else the loop variable, in words; how; then the code.
    assertTrue(page.contains("| for each active project, all at once (`active` in `listActive`) |"), page);
    assertTrue(page.contains("| for each name (`name` in `shortlist`) |"), page);
    assertFalse(page.contains("for each `active`"), page);
  }
}
