package dev.flow.compiler.check;

import static dev.flow.compiler.check.CheckTesting.at;
import static dev.flow.compiler.check.CheckTesting.codes;
import static dev.flow.compiler.check.CheckTesting.compile;
import static dev.flow.compiler.check.CheckTesting.only;
import static dev.flow.compiler.check.CheckTesting.reported;
import static dev.flow.compiler.check.CheckTesting.typeOfLet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Type checking: E200–E206, and the smart casts of optionals. */
class TypeCheckerTest {
  private static final String MODEL = """
      package com.acme.test

      role Clerk
      system Drive {
        action createFolder(client: Text): Text
        action share(folder: Text, email: Text)
        action archive(folder: Text, note: Text?): Bool
      }
      enum Plan { Basic, Pro, Enterprise }
      record Contact { email: Text?, phone: Text }
      event Ordered {
        client: Text
        plan: Plan
        contact: Contact?
        note: Text?
        amount: Decimal
        count: Int
        items: List<Text>
        due: Date
        at: Timestamp
        maybe: Int?
        flag: Bool?
      }
      """;

  /** A workflow with input {@code o: Ordered}; {@code body} may start with header clauses. */
  private static String wf(String body) {
    return MODEL + """

        workflow W {
          owner Clerk
          starts on Ordered
          input o: Ordered
        """ + body + "\n  step zzz by Drive.createFolder(client: \"{o.plan} {o.contact} {zzz}\")\n}\n";
  }

  /** The checker's diagnostics for one statement list, ignoring W002. */
  private static List<String> errors(String body) {
    return reported(wf(body)).stream().filter(s -> !s.startsWith("W002")).toList();
  }

  // ---- let, set and the places that want a type ------------------------------------------------

  @Test
  void letChecksAssignability() {
    String src = wf("  let a: Int = \"x\"\n  let b: Decimal = 1\n  let c: Int = o.amount\n  let d: Text? = none\n"
        + "  let e: List<Decimal> = [1, 2.5]\n  notify Clerk \"{a}{b}{c}{d}{e}\"");
    assertEquals(List.of(
            "E200 " + at(src, "\"x\"") + " type mismatch: expected `Int`, found `Text`",
            "E200 " + at(src, "o.amount\n") + " type mismatch: expected `Int`, found `Decimal`"),
        reported(src));
  }

  @Test
  void anOptionalWhereAValueIsRequiredIsE204Everywhere() {
    String src = wf("""
          let a: Text = o.note
          let b = o.maybe + 1
          if o.flag { }
          step s by Drive.share(folder: o.note, email: "x")
          let c: Text = none
          notify o.note "x"
          for each x in [o.note] { notify x "y" }
          notify Clerk "{a}{b}{c}"
        """);
    assertEquals(List.of(
            "E204 " + at(src, "o.note\n") + " `o.note` may be `none`: expected `Text`, found `Text?`",
            "E204 " + at(src, "o.maybe") + " `o.maybe` may be `none`: expected `Int`, found `Int?`",
            "E204 " + at(src, "o.flag") + " `o.flag` may be `none`: expected `Bool`, found `Bool?`",
            "E204 " + at(src, "o.note,") + " `o.note` may be `none`: expected `Text`, found `Text?`",
            "E204 " + at(src, "none\n") + " `none` where a value is required: expected `Text`",
            "E204 " + at(src, "o.note \"x\"") + " `o.note` may be `none`: expected `Text`, found `Text?`",
            "E204 " + at(src, "x \"y\"") + " `x` may be `none`: expected `Text`, found `Text?`"),
        reported(src));
  }

  @Test
  void anOptionalOfTheWrongTypeIsAMismatchNotE204() {
    assertEquals(List.of("E200"), codes(wf("  let a: Int = o.note\n  notify Clerk \"{a}\"")));
  }

  @Test
  void setChecksTheTargetType() {
    String src = wf("  output n: Int\n  let t: Text = \"a\"\n  set t = 1\n  set n = o.amount\n  set n = o.count\n"
        + "  notify Clerk \"{t}\"");
    assertEquals(List.of(
            "E200 " + at(src, "1\n  set n") + " type mismatch: expected `Text`, found `Int`",
            "E200 " + at(src, "o.amount") + " type mismatch: expected `Int`, found `Decimal`"),
        reported(src));
  }

  @Test
  void statementOperands() {
    String src = wf("""
          wait 5
          wait until o.client
          wait until o.due
          wait until o.at - 1h
          repeat at most 2.5 times { } until true
          for each x in o.client { }
          fail 42
        """);
    assertEquals(List.of(
            "E200 " + at(src, "5\n") + " type mismatch: expected `Duration`, found `Int`",
            "E200 " + at(src, "o.client\n") + " type mismatch: expected `Date` or `Timestamp`, found `Text`",
            "E200 " + at(src, "2.5") + " type mismatch: expected `Int`, found `Decimal`",
            "E200 " + at(src, "o.client {") + " type mismatch: expected a list, found `Text`",
            "E200 " + at(src, "42") + " type mismatch: expected `Text`, found `Int`"),
        errors2(src));
  }

  private static List<String> errors2(String src) {
    return reported(src).stream().filter(s -> !s.startsWith("W002")).toList();
  }

  @Test
  void notifyTargetIsARoleOrText() {
    String src = wf("  notify o.count \"x\"\n  notify Drive \"x\"\n  notify Plan \"x\"\n  notify Clerk 5\n"
        + "  notify o.client via Drive \"{o.contact}\"");
    assertEquals(List.of(
            "E200 " + at(src, "o.count") + " type mismatch: expected a role or `Text`, found `Int`",
            "E102 " + at(src, "Drive \"x\"") + " `Drive` is a system, not a role",
            "E102 " + at(src, "Plan \"x\"") + " `Plan` is an enum, not a role",
            "E200 " + at(src, "5\n") + " type mismatch: expected `Text`, found `Int`"),
        errors2(src));
  }

  // ---- results -----------------------------------------------------------------------------------

  @Test
  void readingAResultThatHasNoValueIsE200() {
    String src = wf("""
          step ask by Clerk
          step s by Drive.share(folder: "f", email: "e")
          notify Clerk "{ask} {s}"
        """);
    assertEquals(List.of(
            "E200 " + at(src, "ask}") + " no result to read from step `ask`",
            "E200 " + at(src, "s}") + " no result to read from step `s`"),
        errors2(src));
  }

  @Test
  void resultTypesOfSteps() {
    Compilation c = compile(wf("""
          step form by Clerk { a: Int, b: Text? }
          approval ok by Clerk
          step f by Drive.createFolder(client: o.client)
          receive got: Ordered where got.client == o.client
          try { fail "x" } catch err { let e = err }
          let a = form
          let b = ok
          let c = f
          let d = got
          let x = [1, 2.5]
          let y = o.items
          notify Clerk "{a}{b}{c}{d}{x}{y}"
        """));
    assertEquals(List.of(), reported(wf("")).stream().filter(s -> s.startsWith("E")).toList());
    assertEquals("{ a: Int, b: Text? }", typeOfLet(c, "a").display());
    assertEquals("{ approved: Bool, comment: Text? }", typeOfLet(c, "b").display());
    assertEquals("Text", typeOfLet(c, "c").display());
    assertEquals("Ordered", typeOfLet(c, "d").display());
    assertEquals("{ step: Text, message: Text }", typeOfLet(c, "e").display());
    assertEquals("List<Decimal>", typeOfLet(c, "x").display());
    assertEquals("List<Text>", typeOfLet(c, "y").display());
  }

  @Test
  void callResultIsTheCalledWorkflowsOutputs() {
    String src = MODEL + """
        workflow Sub {
          owner Clerk
          input client: Text
          input note: Text?
          output folder: Text
          output pages: Int
          set folder = client
          set pages = 1
        }
        workflow W {
          owner Clerk
          call s: Sub(client: "x")
          let r = s
          let p: Text = s.pages
          notify Clerk "{r} {p} {s.nope}"
          step f by Drive.createFolder(client: "{Plan.Basic}")
          receive e: Ordered
        }
        """;
    Compilation c = compile(src);
    assertEquals("{ folder: Text, pages: Int }", typeOfLet(c, "r").display());
    assertEquals(List.of(
            "E200 " + at(src, "s.pages") + " type mismatch: expected `Text`, found `Int`",
            "E201 " + at(src, "nope") + " unknown field `nope` of step `s`"),
        errors2(src));
  }

  // ---- fields and enum constants -----------------------------------------------------------------

  @Test
  void unknownFieldsAndConstants() {
    String src = wf("  let a = o.clinet\n  let b = Plan.Gold\n  let c = o.client.size\n  let d = Basic\n"
        + "  notify Clerk \"{a}{b}{c}{d}\"");
    List<String> got = errors2(src);
    assertEquals(List.of(
            "E201 " + at(src, "clinet") + " unknown field `clinet` of event `Ordered`",
            "E201 " + at(src, "Gold") + " unknown constant `Gold` of enum `Plan`",
            "E201 " + at(src, "size") + " `Text` has no field `size`",
            "E100 " + at(src, "Basic\n") + " unknown name `Basic`"),
        got);
  }

  @Test
  void enumConstantSuggestionsAndHelp() {
    Diagnostic d = only(wf("  let d = Basic\n  notify Clerk \"{d}\""));
    assertEquals("did you mean `Plan.Basic`?", d.help().orElseThrow());
    Diagnostic f = only(wf("  let a = o.clinet\n  notify Clerk \"{a}\""));
    assertEquals("did you mean `client`?", f.help().orElseThrow());
  }

  @Test
  void fieldOfAnOptionalIsE204() {
    String src = wf("  let e = o.contact.phone\n  notify Clerk \"{e}\"");
    assertEquals(List.of("E204 " + at(src, "o.contact.phone")
            + " `o.contact` may be `none`, so its field `phone` cannot be read"),
        errors2(src));
  }

  // ---- smart casts -------------------------------------------------------------------------------

  @Test
  void smartCastsInsideIfAndAfterAnIfThatEnds() {
    String src = wf("""
          if o.note != none { notify o.note "a" }
          if none != o.maybe and o.contact != none and o.contact.email != none {
            let n: Int = o.maybe
            notify o.contact.email "{n}"
          }
          if o.note == none { notify Clerk "x" } else { notify o.note "b" }
          if o.contact == none { cancel "no contact" }
          notify Clerk "{o.contact.phone}"
          if o.maybe == none or o.maybe > 3 { }
          if o.flag != none and o.flag { }
        """);
    assertEquals(List.of(), errors2(src));
  }

  @Test
  void noSmartCastAfterAnIfThatGoesOnOrAfterASet() {
    String src = wf("""
          if o.note == none { notify Clerk "x" }
          notify o.note "a"
          let v: Text? = "x"
          if v != none { set v = none  notify v "b" }
          while true { if v == none { fail "x" } notify v "c" set v = none }
        """);
    assertEquals(List.of(
            "E204 " + at(src, "o.note \"a\"") + " `o.note` may be `none`: expected `Text`, found `Text?`",
            "E204 " + at(src, "v \"b\"") + " `v` may be `none`: expected `Text`, found `Text?`"),
        errors2(src));
  }

  @Test
  void aGoToCarriesWhatIsKnownAtTheJump() {
    String src = wf("""
          let v: Text? = none
          if o.note == none { fail "x" }
          step again by Clerk
          notify o.note "still known: inputs never change"
          notify v "not known"
          set v = "x"
          if true { go to again }
        """);
    assertEquals(List.of("E204 " + at(src, "v \"not") + " `v` may be `none`: expected `Text`, found `Text?`"),
        errors2(src));
  }

  @Test
  void aSetOfAValueMakesAnOptionalVariableKnown() {
    assertEquals(List.of(), errors("  let v: Text? = none\n  set v = \"x\"\n  notify v \"y\""));
  }

  // ---- conditions and operators ------------------------------------------------------------------

  @Test
  void conditionsMustBeBool() {
    String src = wf("""
          if o.count { }
          while o.client { }
          parallel { branch a when 1 { } }
          receive r: Ordered where r.client
          repeat at most 3 times { } until o.amount
        """);
    assertEquals(List.of(
            "E203 " + at(src, "o.count") + " condition must be `Bool`, found `Int`",
            "E203 " + at(src, "o.client {") + " condition must be `Bool`, found `Text`",
            "E203 " + at(src, "1 {") + " condition must be `Bool`, found `Int`",
            "E203 " + at(src, "r.client") + " condition must be `Bool`, found `Text`",
            "E203 " + at(src, "o.amount\n") + " condition must be `Bool`, found `Decimal`"),
        errors2(src));
  }

  @ParameterizedTest(name = "{0} : {1}")
  @CsvSource(delimiter = '|', value = {
      "1 + 2                        | Int",
      "1 - 2 * 3                    | Int",
      "7 / 2                        | Decimal",
      "o.count + o.amount           | Decimal",
      "o.amount > 1000              | Bool",
      "o.at + 1h                    | Timestamp",
      "o.at - now()                 | Duration",
      "o.due + 2d                   | Date",
      "o.due - 1w                   | Date",
      "today() - o.due              | Duration",
      "1d + 2h                      | Duration",
      "2h * 3                       | Duration",
      "3 * 2h                       | Duration",
      "-o.amount                    | Decimal",
      "-1h                          | Duration",
      "not true                     | Bool",
      "o.note == none               | Bool",
      "o.note == \"x\"              | Bool",
      "o.plan == Plan.Pro           | Bool",
      "o.count == o.amount          | Bool",
      "o.due < today()              | Bool",
      "1h <= 2d                     | Bool",
      "\"a\" in o.items             | Bool",
      "o.note in o.items            | Bool",
      "o.note ?? \"none\"           | Text",
      "o.maybe ?? 0.5               | Decimal",
      "o.maybe ?? o.maybe           | Int?",
      "o.note ?? o.note ?? \"x\"    | Text",
      "size(o.items) + size(\"x\")  | Int",
      "lower(trim(upper(o.client))) | Text",
      "[o.note, \"x\"]              | List<Text?>",
      "[none, 1]                    | List<Int?>",
      "\"{o.contact} {o.items}\"    | Text",
  })
  void operatorsFollowTheTypingRules(String expression, String type) {
    String src = wf("  let x = " + expression + "\n  notify Clerk \"{x}\"");
    assertEquals(List.of(), errors2(src), expression);
    assertEquals(type, typeOfLet(compile(src), "x").display(), expression);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"a\" + \"b\"          | +   | operator `+` cannot be applied to `Text` and `Text`",
      "o.client + 1           | +   | operator `+` cannot be applied to `Text` and `Int`",
      "o.at + o.at            | +   | operator `+` cannot be applied to `Timestamp` and `Timestamp`",
      "o.due - o.at           | -   | operator `-` cannot be applied to `Date` and `Timestamp`",
      "2h / 2                 | /   | operator `/` cannot be applied to `Duration` and `Int`",
      "2h * 1.5               | *   | operator `*` cannot be applied to `Duration` and `Decimal`",
      "o.client < \"b\"       | <   | operator `<` cannot be applied to `Text` and `Text`",
      "o.client == 1          | ==  | operator `==` cannot be applied to `Text` and `Int`",
      "o.plan != \"Pro\"      | !=  | operator `!=` cannot be applied to `Plan` and `Text`",
      "1 in o.items           | in  | operator `in` cannot be applied to `Int` and `List<Text>`",
      "1 in o.client          | in  | operator `in` cannot be applied to `Int` and `Text`",
      "true and 1             | and | operator `and` cannot be applied to `Bool` and `Int`",
      "o.client or true       | or  | operator `or` cannot be applied to `Text` and `Bool`",
      "not o.count            | not | operator `not` cannot be applied to `Int`",
      "-o.client              | -   | operator `-` cannot be applied to `Text`",
      "o.client ?? \"x\"      | ??  | operator `??` cannot be applied to `Text`: it is never `none`",
  })
  void operandsAnOperatorDoesNotAcceptAreE206AtTheOperator(String expression, String op, String message) {
    String src = wf("  let x = " + expression + "\n  notify Clerk \"{x}\"");
    int opOffset = src.indexOf(expression) + (expression.startsWith(op) ? 0 : expression.indexOf(" " + op + " ") + 1);
    String where = at(src, "let x = ", 1, "let x = ".length() + (opOffset - src.indexOf(expression)));
    assertEquals(List.of("E206 " + where + " " + message), errors2(src), expression);
  }

  @Test
  void textPlusSuggestsInterpolation() {
    Diagnostic d = only(wf("  let x = \"Dear \" + o.client\n  notify Clerk \"{x}\""));
    assertEquals("use interpolation: \"Dear {o.client}\"", d.help().orElseThrow());
  }

  @Test
  void aDateMovesByWholeDays() {
    String src = wf("  let x = o.due + 1d12h\n  let y = o.due - 30m\n  notify Clerk \"{x}{y}\"");
    assertEquals(List.of(
            "E206 " + at(src, "1d12h") + " a `Date` moves by whole days, but `1d12h` has hours, minutes or seconds",
            "E206 " + at(src, "30m") + " a `Date` moves by whole days, but `30m` has hours, minutes or seconds"),
        errors2(src));
  }

  @Test
  void optionalOperandsAreE204AndComparisonsStillGiveBool() {
    String src = wf("  let x = o.maybe > 1 and o.flag\n  if o.maybe * 2 > 1 { }\n  notify Clerk \"{x}\"");
    assertEquals(List.of(
            "E204 " + at(src, "o.maybe > 1") + " `o.maybe` may be `none`: expected `Int`, found `Int?`",
            "E204 " + at(src, "o.flag") + " `o.flag` may be `none`: expected `Bool`, found `Bool?`",
            "E204 " + at(src, "o.maybe * 2") + " `o.maybe` may be `none`: expected `Int`, found `Int?`"),
        errors2(src));
  }

  @Test
  void theDefaultOfElvisMustFit() {
    String src = wf("  let x = o.note ?? 5\n  notify Clerk \"{x}\"");
    assertEquals(List.of("E200 " + at(src, "5\n") + " type mismatch: expected `Text`, found `Int`"), errors2(src));
  }

  @Test
  void listsAndBuiltins() {
    String src = wf("""
          let a = [1, "x"]
          let b = []
          let c = size(1)
          let d = size(o.items, 2)
          let e = lower(5)
          let f = today(1)
          let g = upper(o.note)
          let h = now
          let i = frobnicate(1)
          notify Clerk "{a}{b}{c}{d}{e}{f}{g}{h}{i}"
        """);
    assertEquals(List.of(
            "E200 " + at(src, "\"x\"]") + " type mismatch: expected `Int`, found `Text`",
            "E200 " + at(src, "[]") + " cannot infer the type of `b` from `[]`",
            "E200 " + at(src, "1)\n") + " type mismatch: expected a list or `Text`, found `Int`",
            "E202 " + at(src, "size(o.items") + " `size` takes 1 argument, found 2",
            "E200 " + at(src, "5)") + " type mismatch: expected `Text`, found `Int`",
            "E202 " + at(src, "today(1)") + " `today` takes no arguments, found 1",
            "E204 " + at(src, "o.note)") + " `o.note` may be `none`: expected `Text`, found `Text?`",
            "E100 " + at(src, "now\n") + " unknown name `now`",
            "E100 " + at(src, "frobnicate") + " unknown function `frobnicate`"),
        errors2(src));
  }

  // ---- match ---------------------------------------------------------------------------------------

  @Test
  void matchOnEnums() {
    String src = wf("""
          match o.plan { Basic -> { } }
          match o.plan { Basic, Pro -> { } Enterprise -> { } }
          match o.plan { Basic -> { } else -> { } }
          match o.plan { Basic, Pro, Enterprise -> { } else -> { } }
          match o.plan { Basc -> { } Pro, Enterprise -> { } }
          match o.plan { Basic -> { } Basic, Pro, Enterprise -> { } }
          match o.plan { "Basic" -> { } else -> { } }
        """);
    assertEquals(List.of(
            "E205 " + at(src, "match", 1, 0) + " non-exhaustive match: `Pro` and `Enterprise` are not covered",
            "E201 " + at(src, "Basc") + " unknown constant `Basc` of enum `Plan`",
            "E101 " + at(src, "Basic, Pro, Enterprise -> { } }") + " duplicate pattern `Basic`",
            "E200 " + at(src, "\"Basic\"") + " type mismatch: expected `Plan`, found `Text`"),
        errors2(src));
  }

  @Test
  void matchOnTextAndInt() {
    String src = wf("""
          match o.client { "a", "b" -> { } else -> { } }
          match o.client { "a" -> { } }
          match o.count { 1, -2 -> { } 3 -> { } else -> { } }
          match o.count { 1 -> { } 1.5 -> { } "x" -> { } Basic -> { } else -> { } }
          match o.count { 1, 1 -> { } else -> { } }
          match o.due { else -> { } }
          match o.note { "x" -> { } else -> { } }
        """);
    assertEquals(List.of(
            "E205 " + at(src, "match", 2, 0) + " non-exhaustive match: a match on `Text` needs an `else` arm",
            "E200 " + at(src, "1.5") + " type mismatch: expected `Int`, found `Decimal`",
            "E200 " + at(src, "\"x\" -> { } Basic") + " type mismatch: expected `Int`, found `Text`",
            "E200 " + at(src, "Basic -> { } else") + " type mismatch: expected an `Int` literal, found the name `Basic`",
            "E101 " + at(src, "1, 1 ->", 1, 3) + " duplicate pattern `1`",
            "E200 " + at(src, "o.due") + " cannot match on `Date`",
            "E204 " + at(src, "o.note {") + " `o.note` may be `none`: expected `Text`, found `Text?`"),
        errors2(src));
  }

  // ---- arguments -----------------------------------------------------------------------------------

  @Test
  void actionArguments() {
    String src = wf("""
          step a by Drive.share(folder: "f")
          step b by Drive.share(email: "e", folder: "f")
          step c by Drive.share(folder: "f", emial: "e")
          step d by Drive.share(folder: "f", email: "e", cc: "x")
          step e by Drive.share(folder: "f", folder: "g", email: "e")
          step f by Drive.share(folder: 1, email: o.note)
          step g by Drive.archive(folder: "f")
          step h by Drive.archive(folder: "f", note: none) compensate with Drive.share(folder: "{h}")
        """);
    assertEquals(List.of(
            "E202 " + at(src, "Drive.share(folder: \"f\")") + " missing argument `email` for `Drive.share`",
            "E202 " + at(src, "emial") + " `Drive.share` has no parameter `emial`",
            "E202 " + at(src, "cc") + " `Drive.share` has no parameter `cc`",
            "E202 " + at(src, "folder: \"g\"") + " argument `folder` is given twice",
            "E202 " + at(src, "1, email") + " type mismatch in argument `folder` of `Drive.share`: expected `Text`, found `Int`",
            "E204 " + at(src, "o.note)") + " `o.note` may be `none`: expected `Text`, found `Text?`",
            "E202 " + at(src, "Drive.archive(folder: \"f\")") + " missing argument `note` for `Drive.archive`",
            "E202 " + at(src, "Drive.share(folder: \"{h}\")") + " missing argument `email` for `Drive.share`"),
        errors2(src));
  }

  @Test
  void aMisnamedArgumentIsOneE202WithADidYouMean() {
    Diagnostic d = only(wf("  step c by Drive.share(folder: \"f\", emial: \"e\")"));
    assertEquals("did you mean `email`?", d.help().orElseThrow());
  }

  @Test
  void workflowArgumentsMayLeaveOutOptionalInputs() {
    String src = MODEL + """
        workflow Sub {
          owner Clerk
          input client: Text
          input note: Text?
          input amount: Decimal
        }
        workflow W {
          owner Clerk
          start Sub(amount: 1, client: "x")
          start Sub(client: "x", note: none, amount: 2.5)
          start Sub(client: "x")
          call s: Sub(clinet: "x", amount: 1)
          start Sub(client: "x", amount: "1")
          step f by Drive.createFolder(client: "{Plan.Basic}")
          receive e: Ordered
        }
        """;
    assertEquals(List.of(
            "E202 " + at(src, "Sub(client: \"x\")") + " missing argument `amount` for workflow `Sub`",
            "E202 " + at(src, "clinet") + " workflow `Sub` has no input `clinet`",
            "E202 " + at(src, "\"1\"")
                + " type mismatch in argument `amount` of workflow `Sub`: expected `Decimal`, found `Text`"),
        errors2(src));
  }

  // ---- one mistake, one diagnostic -----------------------------------------------------------------

  @Test
  void aMistypedReadOfAVariableIsOnlyE100() {
    String src = wf("  let who = o.client\n  notify whq \"x\"");
    assertEquals(List.of("E100 " + at(src, "whq") + " unknown name `whq`"), reported(src));
  }

  @Test
  void aNoneTestOfAnUnknownNameCausesNoE204() {
    String src = wf("""
          if p.note != none { notify o.note "a" }
          if o.contact == nonq { fail "x" }
          notify Clerk "{o.contact.phone}"
        """);
    assertEquals(List.of("E100 " + at(src, "p.note") + " unknown name `p`", "E100 " + at(src, "nonq") + " unknown name `nonq`"),
        errors2(src));
  }

  @Test
  void aRenamedParameterIsOneE202() {
    String src = wf("  step s by Drive.share(folder: \"f\", recipient: \"e\")");
    Diagnostic d = only(src);
    assertEquals("`Drive.share` has no parameter `recipient`", d.message());
    assertEquals("did you mean `email`? It is the one parameter not given", d.help().orElseThrow());
  }

  @Test
  void aMisspeltElseIsOneE200() {
    Diagnostic d = only(wf("  match o.client { \"a\" -> { } esle -> { } }"));
    assertEquals("did you mean `else`?", d.help().orElseThrow());
  }

  @Test
  void unknownNamesCauseNoFollowOnErrors() {
    String src = wf("""
          let a = nope + 1
          if nope2 { }
          step s by Drive.nope(x: 1)
          step t by Nope.act(y: 2)
          notify Clerk "{a} {s.x} {t.y} {nope3.field}"
          let b: Int = a
        """);
    assertEquals(List.of("E100", "E100", "E201", "E100", "E100"), codes(src).stream().filter(c -> !c.equals("W002")).toList());
  }
}
