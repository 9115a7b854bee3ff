package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.commit;
import static dev.flow.runtime.store.Histories.ended;
import static dev.flow.runtime.store.Histories.start;
import static dev.flow.runtime.store.Histories.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.history.HistoryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash can leave the journal's last record torn (cut short) or with bytes that were never
 * written right. For every byte offset of the last record of a small journal, cut there, and
 * separately flip a bit there: the journal opens, every earlier commit is intact, the broken
 * commit is gone from every instance it touched, and appends go on.
 */
class JournalTornWriteTest {
  @TempDir
  Path dir;

  private static final JournalOptions OPTIONS = JournalOptions.defaults().withFsync(false);

  /** The last commit: two instances at once, so a torn record must vanish from both. */
  private static Commit last() {
    return new Commit(Histories.at(9), List.of(
        new Commit.Append("Order-1", 3, List.of(new HistoryEntry.TimerFired("w"))),
        new Commit.Append("Order-2", 3, List.of(ended(InstanceState.COMPLETED)))), Map.of("last", "yes"));
  }

  @Test
  void aTornOrCorruptLastRecordIsCutAndNothingBeforeItIsLost() throws IOException {
    Path original = dir.resolve("original");
    long lastStart;
    try (JournalStore store = JournalStore.open(original, OPTIONS)) {
      store.append(start("Order-1"));
      store.append(start("Order-2", task("review", "clerk")));
      store.append(commit(2, "Order-1", 1, Histories.timer("w", Histories.at(60)), task("check", "auditor")));
      store.append(new Commit(Histories.at(3), List.of(
          new Commit.Append("Order-2", 2, List.of(new HistoryEntry.TaskClaimed("review", "ann")))), Map.of("k", "v")));
      lastStart = store.sizeOnDisk();
      store.append(last());
    }
    Path segment = original.resolve(Segment.name(1));
    byte[] bytes = Files.readAllBytes(segment);
    byte[] manifest = Files.readAllBytes(original.resolve(Manifest.FILE));
    int cuts = 0;
    int flips = 0;
    for (int at = (int) lastStart; at < bytes.length; at++) {
      byte[] cut = java.util.Arrays.copyOf(bytes, at);
      checkOpensWithoutTheLastCommit(cut, manifest, "cut at " + at);
      cuts++;
      byte[] flipped = bytes.clone();
      flipped[at] ^= (byte) (1 << (at % 8));
      checkOpensWithoutTheLastCommit(flipped, manifest, "bit flipped at " + at);
      flips++;
    }
    System.out.printf("torn-write: last record at %d..%d: %d cuts and %d flips, each opened with the earlier commits%n",
        lastStart, bytes.length, cuts, flips);
  }

  private void checkOpensWithoutTheLastCommit(byte[] segment, byte[] manifest, String what) throws IOException {
    Path copy = dir.resolve("copy");
    Files.createDirectories(copy);
    Files.write(copy.resolve(Segment.name(1)), segment);
    Files.write(copy.resolve(Manifest.FILE), manifest);
    try (JournalStore store = JournalStore.open(copy, OPTIONS)) {
      assertEquals(3, store.read("Order-1").size(), what);
      assertEquals(3, store.read("Order-2").size(), what);
      assertEquals(InstanceState.RUNNING, store.instance("Order-2").orElseThrow().state(), what);
      assertEquals("ann", store.tasksOf("Order-2").get(0).assignee(), what);
      assertEquals(Optional.of(Histories.at(60)), store.nextDue(), what);
      assertEquals(Optional.of("v"), store.fact("k"), what);
      assertEquals(Optional.empty(), store.fact("last"), what);
      store.append(last());
      assertEquals(4, store.read("Order-1").size(), what);
      assertEquals(Optional.empty(), store.nextDue(), what);
    }
  }
}
