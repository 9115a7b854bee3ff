package dev.flow.runtime;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an {@link EventLog} as XES (IEEE 1849-2016) with the JDK's StAX writer: a trace per case,
 * in the order the cases started, its events in time order (history order within one moment).
 * The mapping is in docs/architecture.md ("The event log as XES").
 */
final class Xes {
  static final String NAMESPACE = "http://www.xes-standard.org/";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);
  private static final String[][] EXTENSIONS = {
    {"Concept", "concept", "http://www.xes-standard.org/concept.xesext"},
    {"Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"},
    {"Time", "time", "http://www.xes-standard.org/time.xesext"},
    {"Organizational", "org", "http://www.xes-standard.org/org.xesext"},
  };

  private final XMLStreamWriter xml;
  private int depth;

  private Xes(XMLStreamWriter xml) {
    this.xml = xml;
  }

  /** Writes the log as UTF-8 XML; does not close the stream. */
  static void write(EventLog log, OutputStream out) throws XMLStreamException {
    // The JDK's own writer, whatever StAX implementation the class path brings.
    XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
    try {
      new Xes(xml).log(log);
      xml.flush();
    } finally {
      xml.close();
    }
  }

  /**
   * The XES lifecycle transition (standard model) of a row's Flow lifecycle. A task's first
   * claim or assignment after it was offered is {@code assign}, a later one {@code reassign}; a
   * breach, which the standard model has no word for, is {@code unknown}; an incident opened is
   * {@code suspend}, an operator's retry {@code resume}.
   *
   * @param assigned whether the same step of the same case was claimed or assigned since it last started
   */
  static String transition(String lifecycle, boolean assigned) {
    switch (lifecycle) {
      case "start":
      case "complete":
      case "withdraw":
      case "suspend":
      case "resume":
        return lifecycle;
      case "claim":
      case "assign":
        return assigned ? "reassign" : "assign";
      default:
        return "unknown";
    }
  }

  /**
   * Text as XML 1.0 can hold it in an attribute: a character XML does not allow (a control
   * character, a lone surrogate) becomes U+FFFD, and a tab or line break a space, which is what an
   * XML reader's attribute normalization would make of it anyway. Markup ({@code < & "}) is
   * escaped by the writer.
   */
  static String text(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement = null;
      if (c == '\t' || c == '\n' || c == '\r') {
        replacement = " ";
      } else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
        replacement = "\uFFFD";
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          if (out != null) {
            out.append(c).append(value.charAt(i + 1));
          }
          i++;
          continue;
        }
        replacement = "\uFFFD";
      } else if (Character.isLowSurrogate(c)) {
        replacement = "\uFFFD";
      }
      if (replacement != null && out == null) {
        out = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? value : out.toString();
  }

  static String time(Instant at) {
    return TIME.format(at);
  }

  private void log(EventLog log) throws XMLStreamException {
    xml.writeStartDocument("UTF-8", "1.0");
    newline();
    xml.writeStartElement("log");
    xml.writeDefaultNamespace(NAMESPACE);
    xml.writeAttribute("xes.version", "1849-2016");
    xml.writeAttribute("xes.features", "");
    depth++;
    for (String[] extension : EXTENSIONS) {
      empty("extension", "name", extension[0], "prefix", extension[1], "uri", extension[2]);
    }
    start("global", "scope", "trace");
    attribute("string", "concept:name", "__INVALID__");
    end();
    start("global", "scope", "event");
    attribute("string", "concept:name", "__INVALID__");
    attribute("string", "lifecycle:transition", "complete");
    attribute("date", "time:timestamp", time(Instant.EPOCH));
    end();
    empty("classifier", "name", "Activity", "keys", "concept:name");
    empty("classifier", "name", "Activity and lifecycle", "keys", "concept:name lifecycle:transition");
    attribute("string", "concept:name", "Flow event log");
    attribute("string", "lifecycle:model", "standard");

    Map<String, List<LogEntry>> byCase = new LinkedHashMap<>();
    for (LogCase c : log.cases()) {
      byCase.put(c.caseId(), new ArrayList<>());
    }
    for (LogEntry entry : log.entries()) {
      byCase.computeIfAbsent(entry.caseId(), k -> new ArrayList<>()).add(entry);
    }
    Map<String, LogCase> cases = new LinkedHashMap<>();
    for (LogCase c : log.cases()) {
      cases.put(c.caseId(), c);
    }
    for (Map.Entry<String, List<LogEntry>> trace : byCase.entrySet()) {
      List<LogEntry> events = trace.getValue();
      LogCase c = cases.get(trace.getKey());
      if (c == null) {
        c = new LogCase(trace.getKey(), events.get(0).workflow(), 0, "", null, "");
      }
      trace(c, events);
    }
    depth--;
    newline();
    xml.writeEndElement();
    newline();
    xml.writeEndDocument();
  }

  private void trace(LogCase c, List<LogEntry> events) throws XMLStreamException {
    start("trace");
    attribute("string", "concept:name", c.caseId());
    attribute("string", "workflow", c.workflow());
    if (c.version() > 0) {
      attribute("int", "version", Integer.toString(c.version()));
    }
    if (!c.process().isEmpty()) {
      attribute("string", "process", c.process());
    }
    if (c.state() != null) {
      attribute("string", "state", c.state().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!c.parentId().isEmpty()) {
      attribute("string", "parentCase", c.parentId());
    }
    Set<String> assigned = new HashSet<>();
    for (LogEntry e : events) {
      String lifecycle = e.lifecycle();
      String transition = transition(lifecycle, assigned.contains(e.activity()));
      if ("claim".equals(lifecycle) || "assign".equals(lifecycle)) {
        assigned.add(e.activity());
      } else if (!"breach".equals(lifecycle)) {
        assigned.remove(e.activity());
      }
      start("event");
      attribute("string", "concept:name", e.activity());
      attribute("string", "lifecycle:transition", transition);
      attribute("date", "time:timestamp", time(e.timestamp()));
      if (!e.resource().isEmpty()) {
        attribute("string", "org:resource", e.resource());
      }
      if (!transition.equals(lifecycle)) {
        attribute("string", "flowLifecycle", lifecycle);
      }
      end();
    }
    end();
  }

  private void newline() throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }

  private void start(String element, String... attributes) throws XMLStreamException {
    newline();
    xml.writeStartElement(element);
    for (int i = 0; i < attributes.length; i += 2) {
      xml.writeAttribute(attributes[i], attributes[i + 1]);
    }
    depth++;
  }

  private void end() throws XMLStreamException {
    depth--;
    newline();
    xml.writeEndElement();
  }

  private void empty(String element, String... attributes) throws XMLStreamException {
    newline();
    xml.writeEmptyElement(element);
    for (int i = 0; i < attributes.length; i += 2) {
      xml.writeAttribute(attributes[i], attributes[i + 1]);
    }
  }

  private void attribute(String type, String key, String value) throws XMLStreamException {
    empty(type, "key", key, "value", text(value));
  }
}
