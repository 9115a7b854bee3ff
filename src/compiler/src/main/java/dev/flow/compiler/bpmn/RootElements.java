package dev.flow.compiler.bpmn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages, errors and escalations of one BPMN file: one root element per distinct name (so
 * that bpmnlint's {@code global} rule finds each named once and used), with ids in order of first
 * use.
 */
final class RootElements {
  /** The kind of a root element, with its BPMN element name and id prefix. */
  enum Kind {
    MESSAGE("message", "Message"),
    ERROR("error", "Error"),
    ESCALATION("escalation", "Escalation");

    private final String element;
    private final String idPrefix;

    Kind(String element, String idPrefix) {
      this.element = element;
      this.idPrefix = idPrefix;
    }

    String element() {
      return element;
    }
  }

  /** A root element: its kind, id and name, and for a declared error its {@code errorCode} (else {@code null}). */
  record Root(Kind kind, String id, String name, String code) {}

  private final Map<String, Root> roots = new LinkedHashMap<>();

  /** The id of the root element of this kind and name, made on first use. */
  String id(Kind kind, String name) {
    String key = kind + "\u0000" + name;
    Root root = roots.get(key);
    if (root == null) {
      root = new Root(kind, kind.idPrefix + "-" + (roots.size() + 1), name, null);
      roots.put(key, root);
    }
    return root.id();
  }

  /**
   * The id of the error root element of a declared error ({@code error CardDeclined}), named and
   * coded by it: what a typed {@code fail}'s error end event throws and a caller's error boundary catches.
   */
  String declaredError(String error) {
    String key = "declared\u0000" + error;
    Root root = roots.get(key);
    if (root == null) {
      root = new Root(Kind.ERROR, Kind.ERROR.idPrefix + "-" + (roots.size() + 1), error, error);
      roots.put(key, root);
    }
    return root.id();
  }

  Iterable<Root> all() {
    return roots.values();
  }
}
