package dev.flow.runtime.crash;

import dev.flow.runtime.ActionContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The call log the crash test's connector writes: one line per connector call, tab-separated. */
final class CallLog {
  private CallLog() {}

  /**
   * One connector call.
   *
   * @param instanceId the instance it served
   * @param step the step's name ({@code ActionContext.step()}; a compensation's is the step it undoes)
   * @param method the connector method
   * @param attempt the attempt, from 1
   * @param key the idempotency key the engine gave
   * @param order the order (or batch and item) it was for
   */
  /** The connector methods that are compensations, of both crash workloads. */
  private static final Set<String> UNDOING = Set.of("release", "refund", "unpick", "unmake");

  record Call(String instanceId, String step, String method, long attempt, String key, String order) {
    String format() {
      return String.join("\t", instanceId, step, method, Long.toString(attempt), key, order);
    }

    static Call parse(String line) {
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        throw new IllegalArgumentException("not a call log line: " + line);
      }
      return new Call(f[0], f[1], f[2], Long.parseLong(f[3]), f[4], f[5]);
    }

    /** Whether the call was a compensation. */
    boolean undoes() {
      return UNDOING.contains(method);
    }
  }

  /**
   * Appends the running action's call (instance, step, method, attempt, idempotency key, subject) to a call log as one
   * line, whole even when connector threads call at once, and returns the attempt.
   */
  static long append(OutputStream log, String method, String subject) {
    ActionContext call = ActionContext.current();
    Call line = new Call(call.instanceId(), call.step(), method, call.attempt(), call.idempotencyKey(), subject);
    byte[] bytes = (line.format() + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (log) {
      try {
        log.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return call.attempt();
  }

  /** Every call in the log, in order; a missing file is an empty log. */
  static List<Call> read(Path file) throws IOException {
    List<Call> calls = new ArrayList<>();
    if (!Files.exists(file)) {
      return calls;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) {
        calls.add(Call.parse(line));
      }
    }
    return calls;
  }
}
