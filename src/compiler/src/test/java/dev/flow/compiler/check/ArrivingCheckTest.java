package dev.flow.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What E300 says about the item and the closing event of {@code for each ITEM: EVENT … until CLOSE: EVENT}. */
class ArrivingCheckTest {
  private static final String HEAD = """
      package com.acme.auctions
      role Valuer
      event Bid { lot: Text, bidder: Text }
      event LotClosed { lot: Text }
      process Auctions {
        category operational
        goal "Every bid is valued"
        owner Valuer
        workflows Value
      }
      """;

  private static List<String> notes(String body) {
    return CheckTesting.compile(HEAD + "workflow Value {\n  owner Valuer\n  input lot: Text\n" + body + "}\n")
        .diagnostics().stream().filter(d -> d.code() == Code.E300).map(Diagnostic::notes).map(n -> String.join("; ", n))
        .toList();
  }

  @Test
  void theItemIsReadInTheBody() {
    assertEquals(List.of("`bid` is the item of the `for each … until` on line 14: each round has its own; read it in the"
            + " loop's body"),
        notes("""
              for each bid: Bid where bid.lot == lot in parallel until closed: LotClosed where closed.lot == lot {
                approval assess by Valuer
              }
              notify Valuer "{bid.bidder}"
            """));
  }

  @Test
  void theClosingEventIsReadAfterTheLoopWithoutAJoin() {
    assertEquals(List.of("`closed` is the closing event of the `for each … until` on line 14, which comes while the rounds"
            + " run; read it after the loop"),
        notes("""
              for each bid: Bid where bid.lot == lot in parallel until closed: LotClosed where closed.lot == lot {
                notify Valuer "{closed.lot}"
              }
              notify Valuer "{closed.lot}"
            """));
    assertEquals(List.of("`closed` is the closing event of the `for each … until` on line 14, which goes on after 2 rounds,"
            + " maybe before it comes"),
        notes("""
              for each bid: Bid where bid.lot == lot in parallel join 2 until closed: LotClosed where closed.lot == lot {
                approval assess by Valuer
              }
              notify Valuer "{closed.lot}"
            """));
  }
}
