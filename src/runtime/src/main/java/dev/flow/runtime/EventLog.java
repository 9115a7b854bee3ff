package dev.flow.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Every step start and completion of every instance, in order: the data process mining runs on.
 * A projection of the instances' histories, made when asked.
 * Exported as CSV with the columns {@code case_id, workflow, activity, lifecycle, timestamp, resource}.
 */
public final class EventLog {
  private final List<LogEntry> entries;

  /** A log of these rows (the engine makes it from the histories). */
  public EventLog(List<LogEntry> entries) {
    this.entries = List.copyOf(entries);
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
