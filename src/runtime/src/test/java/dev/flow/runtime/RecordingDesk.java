package dev.flow.runtime;

import java.util.ArrayList;
import java.util.List;

/** A desk that records its calls and fails the first {@code failures} calls of {@code file}. */
final class RecordingDesk implements Flows.Desk {
  final List<String> calls = new ArrayList<>();
  final List<String> keys = new ArrayList<>();
  int failures;
  /** Runs in every call, before it answers: a test's way to make a call take time. */
  Runnable during = () -> { };
  String failOn;
  /** When set, {@code failures} counts only the calls of {@code file} with this argument. */
  String failuresOnlyOf;

  @Override
  public String file(String what) throws Exception {
    calls.add("file " + what);
    keys.add(ActionContext.current().idempotencyKey());
    during.run();
    if (failures > 0 && (failuresOnlyOf == null || failuresOnlyOf.equals(what))) {
      failures--;
      throw new java.io.IOException("desk unreachable");
    }
    if (what.equals(failOn)) {
      throw new IllegalStateException("cannot file " + what);
    }
    return "filed " + what;
  }

  @Override
  public void undo(String what) {
    calls.add("undo " + what);
  }
}
