package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.ReceiveStep;
import dev.flow.runtime.WorkflowDefinition;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which receive steps the generated code says an instance may reach again ({@link ReceiveStep#repeats()}):
 * those in a loop or a {@code for each} (also in parallel, and the rounds of a {@code for each … arriving}),
 * and those between the target of a {@code go to} that jumps back and that {@code go to}; not the others.
 */
class RepeatedStepsTest {
  private static final String MODEL = """
      package com.acme.rooms
      role Clerk
      event Reading { room: Text, value: Int }
      event Closed { room: Text }

      workflow Once {
        owner Clerk
        input room: Text
        receive first: Reading where first.room == room
        receive second: Reading where second.room == room
      }

      workflow Loops {
        owner Clerk
        input rooms: List<Text>
        input n: Int
        receive before: Reading where before.room == "hall"
        for each room in rooms {
          receive each: Reading where each.room == room
        }
        for each room in rooms in parallel {
          receive together: Reading where together.room == room
        }
        repeat at most 2 times {
          if n > 1 {
            receive nested: Reading where nested.room == "yard"
          }
        }
        while n > 5 {
          receive during: Reading where during.room == "attic"
        }
        receive after: Reading where after.room == "cellar"
      }

      workflow Arriving {
        owner Clerk
        input room: Text
        for each item: Reading where item.room == room in parallel until closed: Closed where closed.room == room {
          receive answer: Reading where answer.room == "desk"
        }
      }

      workflow Jumps {
        owner Clerk
        input room: Text
        receive first: Reading where first.room == room
        receive again: Reading where again.room == room
        if again.value > 1 {
          go to again
        }
        receive skipped: Reading where skipped.room == room
        if skipped.value > 1 {
          go to last
        }
        receive between: Reading where between.room == room
        receive last: Reading where last.room == room
      }
      """;

  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    SortedMap<String, String> sources = GeneratedCode.generate(MODEL);
    loader = GeneratedCode.compile(sources);
  }

  private static Map<String, Boolean> repeats(String workflow) throws ReflectiveOperationException {
    WorkflowDefinition<?, ?> definition = (WorkflowDefinition<?, ?>) Class.forName("com.acme.rooms." + workflow, true,
        loader).getField("DEFINITION").get(null);
    Map<String, Boolean> out = new TreeMap<>();
    definition.steps().forEach(step -> out.put(step.name(), ((ReceiveStep<?>) step).repeats()));
    return out;
  }

  @Test
  void receivesReachedOnceAreNotRepeated() throws ReflectiveOperationException {
    assertEquals(Map.of("first", false, "second", false), repeats("Once"));
  }

  @Test
  void receivesInLoopsAreRepeated() throws ReflectiveOperationException {
    assertEquals(Map.of("before", false, "each", true, "together", true, "nested", true, "during", true, "after", false),
        repeats("Loops"));
  }

  @Test
  void theRoundsOfAForEachArrivingAreRepeatedNotItsReceivesOfItems() throws ReflectiveOperationException {
    assertEquals(Map.of("item", false, "closed", false, "answer", true), repeats("Arriving"));
  }

  @Test
  void theStretchAGoToJumpsBackOverIsRepeatedAJumpForwardRepeatsNothing() throws ReflectiveOperationException {
    assertEquals(Map.of("first", false, "again", true, "skipped", false, "between", false, "last", false),
        repeats("Jumps"));
  }
}
