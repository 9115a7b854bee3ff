package dev.flow.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.flow.runtime.EventLog;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.LogCase;
import dev.flow.runtime.LogEntry;
import dev.flow.runtime.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Where an event log comes from: a file journal (a directory), a database store (a {@code jdbc:}
 * URL), or a file that {@code flowc log} wrote, CSV or XES (by its extension). A file of another
 * tool is read too when it has the same columns or the standard XES attributes.
 */
final class LogSources {
  private LogSources() {}

  /** A source that cannot be read, in words. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /** A log from a location: a {@code jdbc:} URL of a database store, else a path. */
  static EventLog read(String location) throws Unreadable {
    if (StoreLocation.isDatabase(location)) {
      try (dev.flow.runtime.store.Store store = StoreLocation.openToRead(location)) {
        return new EventLog(dev.flow.runtime.engine.Projections.rows(store),
            dev.flow.runtime.engine.Projections.cases(store, workflow -> ""));
      } catch (StoreException e) {
        throw new Unreadable(e.getMessage());
      }
    }
    try {
      return read(Path.of(location));
    } catch (java.nio.file.InvalidPathException e) {
      throw new Unreadable("not a valid path: " + location);
    }
  }

  static EventLog read(Path source) throws Unreadable {
    if (Files.isDirectory(source)) {
      try {
        return EventLog.readJournal(source);
      } catch (StoreException e) {
        throw new Unreadable(e.getMessage());
      }
    }
    if (!Files.exists(source)) {
      throw new Unreadable(source + " does not exist: give a journal directory, or a .csv or .xes file of `flowc log`");
    }
    String name = source.getFileName() == null ? "" : source.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".csv")) {
        try (Reader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
          return csv(reader, source.toString());
        }
      }
      if (name.endsWith(".xes")) {
        try (InputStream in = Files.newInputStream(source)) {
          return xes(in, source.toString());
        }
      }
    } catch (IOException e) {
      throw new Unreadable("cannot read " + source + ": " + e.getMessage());
    }
    throw new Unreadable("cannot tell the format of " + source
        + " from its name: give a journal directory, or a file ending in .csv or .xes");
  }

  private static final List<String> COLUMNS = List.of("case_id", "workflow", "activity", "lifecycle", "timestamp", "resource");

  /** The columns of {@link EventLog#writeCsv}; the cases' states are not in it. */
  static EventLog csv(Reader reader, String where) throws Unreadable, IOException {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<LogEntry> entries = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
      boolean checked = false;
      while (rows.hasNextValue()) {
        Map<String, String> row = rows.nextValue();
        int line = rows.getCurrentLocation().getLineNr();
        if (!checked) {
          for (String column : COLUMNS) {
            if (!row.containsKey(column)) {
              throw new Unreadable(where + " has no column `" + column + "`: a log needs the columns "
                  + String.join(", ", COLUMNS) + " (as `flowc log -o FILE.csv` writes)");
            }
          }
          checked = true;
        }
        entries.add(new LogEntry(required(row, "case_id", where, line), required(row, "workflow", where, line),
            required(row, "activity", where, line), required(row, "lifecycle", where, line),
            instant(row.get("timestamp"), where, line), row.get("resource") == null ? "" : row.get("resource")));
      }
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw new Unreadable("cannot read " + where + " as CSV: " + io.getMessage());
      }
      throw new Unreadable("cannot read " + where + " as CSV: " + e.getMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Unreadable("cannot read " + where + " as CSV: " + e.getOriginalMessage());
    }
    return new EventLog(entries);
  }

  private static String required(Map<String, String> row, String column, String where, int line) throws Unreadable {
    String value = row.get(column);
    if (value == null || value.isEmpty()) {
      throw new Unreadable(where + ":" + line + ": the row has no " + column);
    }
    return value;
  }

  private static Instant instant(String text, String where, int line) throws Unreadable {
    if (text == null || text.isEmpty()) {
      throw new Unreadable(where + ":" + line + ": the row has no timestamp");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new Unreadable(where + ":" + line + ": `" + text + "` is not a timestamp (ISO 8601, e.g. 2026-11-24T09:00:00Z)");
    }
  }

  /** An XES log: a trace per case, an event per row ({@link EventLog#writeXes}). */
  static EventLog xes(InputStream in, String where) throws Unreadable {
    List<LogEntry> entries = new ArrayList<>();
    List<LogCase> cases = new ArrayList<>();
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(in, "UTF-8");
      Map<String, String> trace = null;
      Map<String, String> event = null;
      List<Map<String, String>> events = new ArrayList<>();
      while (xml.hasNext()) {
        int kind = xml.next();
        if (kind == XMLStreamConstants.START_ELEMENT) {
          String element = xml.getLocalName();
          if (element.equals("trace")) {
            trace = new HashMap<>();
            events = new ArrayList<>();
          } else if (element.equals("event") && trace != null) {
            event = new HashMap<>();
          } else if (isAttribute(element) && trace != null) {
            String key = xml.getAttributeValue(null, "key");
            String value = xml.getAttributeValue(null, "value");
            if (key != null && value != null) {
              (event != null ? event : trace).putIfAbsent(key, value);
            }
          }
        } else if (kind == XMLStreamConstants.END_ELEMENT) {
          String element = xml.getLocalName();
          if (element.equals("event") && event != null) {
            events.add(event);
            event = null;
          } else if (element.equals("trace") && trace != null) {
            addTrace(trace, events, cases, entries, where, xml.getLocation().getLineNumber());
            trace = null;
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new Unreadable("cannot read " + where + " as XES: " + e.getMessage());
    }
    return new EventLog(entries, cases);
  }

  private static boolean isAttribute(String element) {
    return switch (element) {
      case "string", "date", "int", "float", "boolean", "id" -> true;
      default -> false;
    };
  }

  private static void addTrace(Map<String, String> trace, List<Map<String, String>> events, List<LogCase> cases,
      List<LogEntry> entries, String where, int line) throws Unreadable {
    String caseId = trace.get("concept:name");
    if (caseId == null) {
      throw new Unreadable(where + ":" + line + ": a trace without concept:name (the case id)");
    }
    String workflow = trace.getOrDefault("workflow", "");
    int version = 0;
    try {
      version = Integer.parseInt(trace.getOrDefault("version", "0"));
    } catch (NumberFormatException e) {
      version = 0;
    }
    cases.add(new LogCase(caseId, workflow, version, trace.getOrDefault("process", ""), state(trace.get("state")),
        trace.getOrDefault("parentCase", "")));
    for (Map<String, String> event : events) {
      String activity = event.get("concept:name");
      String time = event.get("time:timestamp");
      if (activity == null || time == null) {
        throw new Unreadable(where + ": an event of case " + caseId + " without concept:name or time:timestamp");
      }
      String lifecycle = event.getOrDefault("flowLifecycle", event.getOrDefault("lifecycle:transition", "complete"));
      entries.add(new LogEntry(caseId, workflow, activity, lifecycle, instant(time, where, line),
          event.getOrDefault("org:resource", "")));
    }
  }

  private static InstanceState state(String text) {
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "completed" -> InstanceState.COMPLETED;
      case "failed" -> InstanceState.FAILED;
      case "cancelled" -> InstanceState.CANCELLED;
      case "running" -> InstanceState.RUNNING;
      default -> null;
    };
  }
}
