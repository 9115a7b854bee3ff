package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.at;
import static dev.flow.compiler.check.flow.FlowTesting.reported;
import static dev.flow.compiler.check.flow.FlowTesting.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronCheckTest {
  @Test
  void reportedAtTheStringPerClause() {
    String source = workflow("""
        starts every "0 9 * * MON-FRI"
        starts every "0 9 32 * *"
        starts every "@hourly"
        """, "step confirm by Clerk within 1d\n");
    assertEquals(List.of(
            at(source, "\"0 9 32") + " invalid cron expression: the day of month field `32` is not valid:"
                + " value 32 not in range [1, 31]",
            at(source, "\"@hourly") + " invalid cron expression: `@hourly` is not supported: write the five fields,"
                + " `0 * * * *`"),
        reported(Code.E305, source));
  }
}
