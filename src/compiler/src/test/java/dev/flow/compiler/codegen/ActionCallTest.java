package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Actions as data: the constant each system interface holds per action, the step constants that
 * name them, and the call sites ({@code ctx.action}, {@code ctx.actionWithUndo}) with their
 * arguments in the order of the action's parameters.
 */
class ActionCallTest {
  private static final String MODEL = """
      package com.acme.desk
      role Clerk
      record Line { item: Text }
      system Args {
        action createFolder(args: Text, count: Int): Int
        action CREATE_FOLDER(): Bool
        action fileAll(lines: List<Line>, note: Text?): List<Line>
        action drop(refs: List<Text>)
      }

      workflow W {
        owner Clerk
        output total: Int
        try {
          step made by Args.createFolder(count: 2, args: "x") compensate with Args.drop(refs: ["{made}"])
          step checked by Args.CREATE_FOLDER()
          step filed by Args.fileAll(note: none, lines: []) compensate with Args.fileAll(lines: filed, note: "undo")
          step dropped by Args.drop(refs: ["a"]) compensate with Args.createFolder(args: "again", count: made)
          fail "stop"
        } catch {
          set total = 1
        }
      }
      """;

  private static SortedMap<String, String> sources;
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    sources = GeneratedCode.generate(MODEL);
    loader = GeneratedCode.compile(sources);
  }

  @Test
  void eachActionIsAConstantOfItsInterfaceNamedApartFromItsMethods() {
    String java = sources.get("com/acme/desk/Args.java");
    assertTrue(java.contains("""
          Action<Args, Long> CREATE_FOLDER_ = Action.of(Args.class, "com.acme.desk.Args", "createFolder",
              List.of("args", "count"), ValueType.of(Long.class),
              (args, args_) -> args.createFolder((String) args_[0], (long) args_[1]));
        """), java);
    assertTrue(java.contains("""
          Action<Args, Boolean> CREATE_FOLDER__ = Action.of(Args.class, "com.acme.desk.Args", "CREATE_FOLDER",
              List.of(), ValueType.of(Boolean.class),
              (args, args_) -> args.CREATE_FOLDER());
        """), java);
    assertTrue(java.contains("""
          @SuppressWarnings("unchecked")
          Action<Args, List<Line>> FILE_ALL = Action.of(Args.class, "com.acme.desk.Args", "fileAll",
              List.of("lines", "note"), ValueType.listOf(ValueType.of(Line.class)),
              (args, args_) -> args.fileAll((List<Line>) args_[0], (String) args_[1]));
        """), java);
  }

  @Test
  void callSitesGiveTheArgumentsInParameterOrderAndUndoFromTheResult() {
    String java = sources.get("com/acme/desk/W.java");
    assertTrue(java.contains("ActionStep<Args, Long> MADE = ActionStep.of(\"made\", Args.CREATE_FOLDER_)\n"
        + "      .compensateWith(Args.DROP);"), java);
    assertTrue(java.contains("ActionStep<Args, Void> DROPPED = ActionStep.of(\"dropped\", Args.DROP)"), java);
    assertTrue(java.contains("made = ctx.actionWithUndo(MADE, new Object[] {\"x\", 2L},\n"
        + "          made -> new Object[] {List.of(Expressions.text(made))});"), java);
    assertTrue(java.contains("checked = ctx.action(CHECKED);"), java);
    assertTrue(java.contains("filed = ctx.actionWithUndo(FILED, new Object[] {List.<Line>of(), null},\n"
        + "          filed -> new Object[] {filed, \"undo\"});"), java);
    assertTrue(java.contains("ctx.actionWithUndo(DROPPED, new Object[] {List.of(\"a\")},\n"
        + "          dropped -> new Object[] {\"again\", made});"), java);
  }

  @Test
  void aNoneArgumentIsTypedSoItIsNotTheArgumentArray() {
    String java = GeneratedCode.generate("""
        package com.acme.desk
        role Clerk
        system Desk { action note(text: Text?) }
        workflow W {
          owner Clerk
          step noted by Desk.note(text: none)
        }
        """).get("com/acme/desk/W.java");
    assertTrue(java.contains("ctx.action(NOTED, (String) null);"), java);
  }

  @Test
  void compensationsRunNewestFirstWithTheArgumentsTheirStepsMade() throws Exception {
    WorkflowDefinition<?, ?> w = (WorkflowDefinition<?, ?>) Class.forName("com.acme.desk.W", true, loader)
        .getField("DEFINITION").get(null);
    FakeContext ctx = new FakeContext(loader)
        .action("createFolder", args -> 7L)
        .action("CREATE_FOLDER", args -> true)
        .action("fileAll", args -> args[0]);

    Object outputs = ctx.run(w, Values.convert(Map.of(), w.inputType()));

    assertEquals(List.of(
        "action createFolder[x, 2]",
        "action CREATE_FOLDER()",
        "action fileAll[[], null]",
        "action drop[[a]]",
        "action createFolder[again, 7]",
        "action fileAll[[], undo]",
        "action drop[[7]]"), ctx.log);
    assertEquals(Map.of("total", 1L), Running.fields(outputs));
  }
}
