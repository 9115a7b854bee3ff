package dev.flow.runtime.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One life of a {@link CrashChild}: started, watched for {@code running} and {@code done}, killed or ended. */
final class ChildLife {
  private final Process process;
  private final Path stderr;
  private final CountDownLatch running = new CountDownLatch(1);
  private final Thread reader;
  private volatile boolean done;

  private ChildLife(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::read, "crash-child-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a child on a journal and a call log, appending its standard error to {@code stderr}; it may start orders
   * up to number {@code permitted} (the crashed run's lives are paced so, the crash-free run may start them all).
   */
  static ChildLife start(Path journal, Path log, Path stderr, CrashSafetyTest.Workload workload, int permitted)
      throws IOException {
    return start(stderr, CrashChild.class, journal.toString(), log.toString(), Integer.toString(workload.orders()),
        Integer.toString(workload.inFlight()), Long.toString(workload.roundMillis()), Integer.toString(permitted));
  }

  /** Starts a child JVM running {@code main} with arguments, appending its standard error to {@code stderr}. */
  static ChildLife start(Path stderr, Class<?> main, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        main.getName()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
    return new ChildLife(process, stderr);
  }

  private void read() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals("running")) {
          running.countDown();
        } else if (line.equals("done")) {
          done = true;
        }
      }
    } catch (IOException e) {
      // killed while we read
    } finally {
      running.countDown();
    }
  }

  /** Waits until the child says it is running (true), or has exited without saying so (false). */
  boolean awaitRunning(long millis) throws InterruptedException {
    return running.await(millis, TimeUnit.MILLISECONDS) && process.isAlive();
  }

  /** Waits for the child to exit by itself; true once it has (its output read to the end). */
  boolean awaitExit(long millis) throws InterruptedException {
    if (!process.waitFor(Math.max(0, millis), TimeUnit.MILLISECONDS)) {
      return false;
    }
    reader.join(10_000);
    return true;
  }

  /** SIGKILL on Linux; returns once the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the child " + process.pid() + " did not die within 30s of SIGKILL");
    }
    reader.join(10_000);
  }

  /** Kills it if it still runs (a test that failed leaves no child behind). */
  void stop() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** Whether it exited by itself after saying {@code done}. */
  boolean finished() {
    return !process.isAlive() && process.exitValue() == 0 && done;
  }

  String exit() {
    return process.isAlive() ? "still running" : "exit " + process.exitValue() + (done ? " after done" : "");
  }

  /** The last lines of the standard error of every life so far. */
  String stderrTail() {
    try {
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no stderr: " + e.getMessage() + ")";
    }
  }
}
