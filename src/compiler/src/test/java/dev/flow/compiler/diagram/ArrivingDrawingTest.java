package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.bpmn.Bpmn;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.docs.Docs;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code for each … until} is drawn as a parallel {@code for each} (Mermaid), as a subprocess
 * holding a token per arrival (BPMN, structure in {@code bpmn.ArrivalsBpmnTest}), and named in the generated docs' step table.
 */
class ArrivingDrawingTest {
  private static SemanticModel model() throws IOException {
    return DiagramTesting.model(List.of(SourceFile.read(Path.of("src/test/resources/valid/for_each_until.flow"))));
  }

  @Test
  void mermaidDrawsARoundPerArrivingItemAndTheJoin() throws IOException {
    String all = String.join("\n", Diagrams.files(model()).values());
    assertTrue(all.contains("For each bid as it arrives, until closed"), all);
    assertTrue(all.contains("each bid, as it arrives"), all);
    assertTrue(all.contains("closed and all done"), all);
    assertTrue(all.contains("2 done (or closed and all done), the others"), all);
  }

  @Test
  void bpmnDrawsATokenPerArrivalInASubprocessWithTheClosingEventsOutsideTheRounds() throws IOException {
    String all = String.join("\n", Bpmn.files(model()).values());
    assertTrue(all.contains("<bpmn:subProcess id=\"ValueBids_Activity_2\" name=\"For each bid as it arrives\">"), all);
    assertTrue(all.contains("For each bid: Bid as it arrives, all at once, until closed: LotClosed. Each Bid starts a round at"
        + " once; the subprocess ends when the set has closed and every round has ended"), all);
    assertTrue(all.contains("(Flow goes on after 2 rounds while the others run on: BPMN has no such join"), all);
    assertTrue(all.contains("name=\"Next bid or closed?\""), all);
    assertTrue(all.contains("<bpmn:eventBasedGateway"), all);
    assertTrue(all.contains("name=\"Receive Bid\""), all);
    assertTrue(all.contains("name=\"Receive Lot closed\""), all);
    assertTrue(all.contains("A round for this bid, and the wait for the next, at once"), all);
    assertTrue(all.contains("<bpmn:messageEventDefinition"), all);
    assertTrue(all.contains("name=\"1d after the start\""), all);
    assertTrue(all.contains("<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">start + P1D</bpmn:timeDate>"), all);
    assertTrue(all.contains("name=\"No bid within 1h\""), all);
    assertTrue(all.contains("<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT1H</bpmn:timeDuration>"), all);
  }

  @Test
  void theDocsNameTheLoop() throws IOException {
    String all = String.join("\n", Docs.files(model()).values());
    assertTrue(all.contains("as it arrives, until `closed: LotClosed` (all at once, going on after 2)"), all);
  }

  @Test
  void theDocsListTheTwoReceivesAndTheTimeLimits() throws IOException {
    String all = String.join("\n", Docs.files(model()).values());
    assertTrue(all.contains("Bid (`bid`), waits for each event | event `Bid` | within 1h (quiet time)"), all);
    assertTrue(all.contains("Closed (`closed`), waits for event | event `LotClosed` |"), all);
    assertTrue(all.contains("Closes the set: no more items are taken"), all);
    assertTrue(all.contains("No `Bid` within `1h` of the last (or of the start) closes the set."), all);
    assertTrue(all.contains("Until within 1d, time limit | | within 1d of the start"), all);
  }
}
