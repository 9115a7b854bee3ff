package dev.flow.runtime;

import dev.flow.runtime.engine.Projections;
import dev.flow.runtime.store.JournalOptions;
import dev.flow.runtime.store.JournalStore;
import dev.flow.runtime.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/**
 * Every step start and completion of every instance, in order: the data process mining runs on.
 * A projection of the instances' histories, made when asked.
 * Exported as CSV with the columns {@code case_id, workflow, activity, lifecycle, timestamp, resource},
 * and as XES (IEEE 1849), the format process-mining tools read, with a trace per case.
 */
public final class EventLog {
  private final List<LogEntry> entries;
  private final List<LogCase> cases;

  /** A log of these rows; its cases are those the rows name, without version, process or state. */
  public EventLog(List<LogEntry> entries) {
    this.entries = List.copyOf(entries);
    Map<String, LogCase> named = new LinkedHashMap<>();
    for (LogEntry entry : this.entries) {
      named.computeIfAbsent(entry.caseId(), id -> new LogCase(id, entry.workflow(), 0, "", null, ""));
    }
    this.cases = List.copyOf(named.values());
  }

  /**
   * A log of these rows and cases (the engine makes both from the histories).
   *
   * @param entries the rows, in time order
   * @param cases the cases, in the order they started; a case that a row names and this list does
   *     not is added after them, as by {@link #EventLog(List)}
   */
  public EventLog(List<LogEntry> entries, List<LogCase> cases) {
    this.entries = List.copyOf(entries);
    Map<String, LogCase> all = new LinkedHashMap<>();
    for (LogCase c : cases) {
      all.put(c.caseId(), c);
    }
    for (LogEntry entry : this.entries) {
      all.computeIfAbsent(entry.caseId(), id -> new LogCase(id, entry.workflow(), 0, "", null, ""));
    }
    this.cases = List.copyOf(all.values());
  }

  /**
   * The event log of every instance in a file journal (the directory of
   * {@code Engine.builder().journal(dir)} or {@code flowc run --journal DIR}), with each case's
   * workflow version and state; the process is not known from a journal (it is in the model).
   * Opens the journal with its lock, keeping every ended instance, and closes it again.
   *
   * @throws StoreException in words: the directory is missing or holds no journal, another engine
   *     holds it, or a file of it is damaged
   */
  public static EventLog readJournal(Path dir) {
    JournalOptions keepAll = JournalOptions.defaults().withRetainEnded(Integer.MAX_VALUE)
        .withCompactAfterDeadBytes(Long.MAX_VALUE);
    try (JournalStore store = JournalStore.openExisting(dir, keepAll)) {
      return new EventLog(Projections.rows(store), Projections.cases(store, workflow -> ""));
    }
  }

  /** The cases, in the order they started. */
  public List<LogCase> cases() {
    return cases;
  }

  /** A copy of the entries, oldest first. */
  public List<LogEntry> entries() {
    return entries;
  }

  /** The entries of one instance. */
  public List<LogEntry> entries(String caseId) {
    return entries.stream().filter(e -> e.caseId().equals(caseId)).toList();
  }

  /** Writes the log as CSV (RFC 4180: comma-separated, fields quoted when they need it, CRLF line ends). */
  public void writeCsv(Appendable out) {
    try {
      out.append("case_id,workflow,activity,lifecycle,timestamp,resource\r\n");
      for (LogEntry entry : entries()) {
        out.append(csv(entry.caseId())).append(',')
            .append(csv(entry.workflow())).append(',')
            .append(csv(entry.activity())).append(',')
            .append(csv(entry.lifecycle())).append(',')
            .append(entry.timestamp().toString()).append(',')
            .append(csv(entry.resource())).append("\r\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The log as CSV text. */
  public String toCsv() {
    StringBuilder out = new StringBuilder();
    writeCsv(out);
    return out.toString();
  }

  /**
   * Writes the log as XES (IEEE 1849-2016, UTF-8): a trace per case with its workflow, version,
   * process and state; an event per row with {@code concept:name} (the activity),
   * {@code lifecycle:transition} (the standard lifecycle model), {@code time:timestamp} and
   * {@code org:resource}. docs/architecture.md has the whole mapping. Does not close the stream.
   */
  public void writeXes(OutputStream out) {
    try {
      Xes.write(this, out);
    } catch (XMLStreamException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new UncheckedIOException(new IOException("cannot write the XES: " + e.getMessage(), e));
    }
  }

  /** The log as XES text. */
  public String toXes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeXes(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String csv(String field) {
    boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
        || field.indexOf('\r') >= 0 || (!field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0);
    if (!quote) {
      return field;
    }
    // A leading = + - @ is quoted too, and prefixed, so that a spreadsheet does not run it as a formula.
    String text = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
