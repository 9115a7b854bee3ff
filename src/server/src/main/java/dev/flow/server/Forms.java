package dev.flow.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.runtime.FlowName;
import dev.flow.runtime.FlowOptional;
import dev.flow.runtime.FormField;
import dev.flow.runtime.Values;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTML forms generated from a step's fields or a workflow's input record, and the values read
 * back from what the browser sent: text, numbers, yes/no, dates, enums as choices, lists one item
 * a line, records as nested fieldsets, lists of records as JSON. Nothing is validated here beyond
 * reading JSON: the runtime checks the values and says, in words, what does not fit.
 */
final class Forms {
  private static final ObjectMapper JSON = FlowServer.mapper();
  private static final int MAX_DEPTH = 3;

  private Forms() {}

  /** A field of a form: its parameter name (dotted inside records), its label and its type. */
  record Field(String param, String name, Class<?> type, Class<?> element, boolean optional) {}

  static List<Field> fields(List<FormField> fields) {
    List<Field> out = new ArrayList<>();
    for (FormField f : fields) {
      out.add(new Field(f.name(), f.name(), f.type(), f.elementType(), f.optional()));
    }
    return out;
  }

  /** The fields of a record type (a workflow's input or an event); optional ones are marked {@code @FlowOptional}. */
  static List<Field> fields(Class<?> record, String prefix) {
    List<Field> out = new ArrayList<>();
    RecordComponent[] components = record.getRecordComponents();
    if (components == null) {
      return out;
    }
    for (RecordComponent c : components) {
      String name = flowName(c);
      Class<?> element = null;
      if (c.getType() == List.class) {
        Type generic = c.getGenericType();
        element = generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> k
            ? k : Object.class;
      }
      out.add(new Field(prefix + name, name, box(c.getType()), element, c.isAnnotationPresent(FlowOptional.class)));
    }
    return out;
  }

  private static Class<?> box(Class<?> type) {
    if (type == boolean.class) {
      return Boolean.class;
    } else if (type == long.class || type == int.class) {
      return Long.class;
    } else if (type == double.class) {
      return java.math.BigDecimal.class;
    }
    return type;
  }

  /** A record component's name in the model. */
  static String flowName(RecordComponent component) {
    FlowName name = component.getAnnotation(FlowName.class);
    return name == null ? component.getName() : name.value();
  }

  /** An enum constant's name in the model. */
  static String flowName(Enum<?> constant) {
    try {
      FlowName name = constant.getDeclaringClass().getField(constant.name()).getAnnotation(FlowName.class);
      return name == null ? constant.name() : name.value();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }

  // ---- writing -----------------------------------------------------------------------------

  static void render(StringBuilder html, List<Field> fields, Map<String, String> submitted, int depth) {
    for (Field field : fields) {
      render(html, field, submitted, depth);
    }
  }

  private static void render(StringBuilder html, Field field, Map<String, String> submitted, int depth) {
    String id = "f-" + field.param().replace('.', '-');
    String value = submitted.getOrDefault(field.param(), "");
    String label = Html.esc(label(field.name())) + (field.optional() ? " <span class=\"hint\">(optional)</span>" : "");
    Class<?> type = field.type();
    if (type.isRecord() && depth < MAX_DEPTH) {
      html.append("<fieldset><legend>").append(label).append("</legend>");
      render(html, fields(type, field.param() + "."), submitted, depth + 1);
      html.append("</fieldset>");
      return;
    }
    html.append("<div class=\"field\">");
    if (type == Boolean.class && !field.optional()) {
      html.append("<label><input type=\"checkbox\" id=\"").append(id).append("\" name=\"").append(Html.esc(field.param()))
          .append("\" value=\"true\"").append(value.equals("true") ? " checked" : "").append("> ")
          .append(Html.esc(label(field.name()))).append("</label></div>");
      return;
    }
    html.append("<label for=\"").append(id).append("\">").append(label).append("</label>");
    String name = " id=\"" + id + "\" name=\"" + Html.esc(field.param()) + "\"";
    if (type == Boolean.class || type.isEnum()) {
      html.append("<select").append(name).append(">");
      if (field.optional() || type.isEnum()) {
        html.append("<option value=\"\"></option>");
      }
      List<String> options = type == Boolean.class ? List.of("yes", "no") : constants(type);
      for (String option : options) {
        html.append("<option").append(option.equals(value) ? " selected" : "").append(">").append(Html.esc(option))
            .append("</option>");
      }
      html.append("</select>");
    } else if (type == List.class) {
      boolean records = field.element() != null && field.element().isRecord();
      html.append("<textarea").append(name).append(" rows=\"4\" placeholder=\"")
          .append(Html.esc(records ? example(field.element()) : "one " + Values.flowType(field.element()) + " a line"))
          .append("\">").append(Html.esc(value)).append("</textarea>");
      html.append("<small class=\"hint\">").append(records ? "a JSON list of " + Html.esc(field.element().getSimpleName())
          : "one item a line").append("</small>");
    } else if (type.isRecord()) {
      html.append("<textarea").append(name).append(" rows=\"4\" placeholder=\"").append(Html.esc(example(type)))
          .append("\">").append(Html.esc(value)).append("</textarea>");
    } else {
      html.append("<input").append(name).append(" type=\"").append(inputType(type)).append("\" value=\"")
          .append(Html.esc(value)).append("\"").append(placeholder(type)).append(">");
    }
    html.append("</div>");
  }

  private static String inputType(Class<?> type) {
    if (type == LocalDate.class) {
      return "date";
    }
    return "text";
  }

  private static String placeholder(Class<?> type) {
    if (type == Instant.class) {
      return " placeholder=\"2026-11-24T09:00:00Z\"";
    } else if (type == Duration.class) {
      return " placeholder=\"1d12h\"";
    } else if (type == Long.class || type == long.class) {
      return " inputmode=\"numeric\" placeholder=\"a whole number\"";
    } else if (type == BigDecimal.class) {
      return " inputmode=\"decimal\" placeholder=\"12.50\"";
    }
    return "";
  }

  private static List<String> constants(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      out.add(flowName((Enum<?>) constant));
    }
    return out;
  }

  private static String example(Class<?> record) {
    StringBuilder out = new StringBuilder("{");
    RecordComponent[] components = record.getRecordComponents();
    for (int i = 0; components != null && i < components.length; i++) {
      out.append(i == 0 ? "" : ", ").append('"').append(flowName(components[i])).append("\": …");
    }
    return out.append('}').toString();
  }

  /** {@code missingItems} → {@code Missing items}. */
  static String label(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i == 0) {
        out.append(Character.toUpperCase(c));
      } else if (Character.isUpperCase(c)) {
        out.append(' ').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  // ---- reading -----------------------------------------------------------------------------

  /**
   * The values of the fields from the submitted parameters (an empty text is left out, so the
   * runtime reports a missing required field); JSON that does not parse adds a problem.
   */
  static Map<String, Object> read(List<Field> fields, Map<String, List<String>> params, List<String> problems, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field field : fields) {
      Class<?> type = field.type();
      String raw = first(params, field.param());
      if (type.isRecord() && depth < MAX_DEPTH) {
        if (field.optional() && blank(params, field.param() + ".")) {
          continue; // an optional record left empty is none
        }
        out.put(field.name(), read(fields(type, field.param() + "."), params, problems, depth + 1));
      } else if (type == Boolean.class && !field.optional()) {
        out.put(field.name(), raw != null && raw.equals("true"));
      } else if (type == List.class) {
        if (raw == null || raw.isBlank()) {
          if (!field.optional()) {
            out.put(field.name(), List.of());
          }
        } else if (field.element() != null && field.element().isRecord()) {
          out.put(field.name(), json(raw, field, problems));
        } else {
          List<String> items = new ArrayList<>();
          raw.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(items::add);
          out.put(field.name(), items);
        }
      } else if (type.isRecord()) {
        if (raw != null && !raw.isBlank()) {
          out.put(field.name(), json(raw, field, problems));
        }
      } else if (raw != null && !raw.isBlank()) {
        out.put(field.name(), raw.strip());
      }
    }
    return out;
  }

  private static Object json(String raw, Field field, List<String> problems) {
    try {
      return JSON.readValue(raw, Object.class);
    } catch (JsonProcessingException e) {
      problems.add(label(field.name()).toLowerCase(Locale.ROOT) + " is not valid JSON: "
          + e.getOriginalMessage());
      return null;
    }
  }

  /** Whether every submitted parameter under {@code prefix} is empty (an unticked box sends nothing). */
  private static boolean blank(Map<String, List<String>> params, String prefix) {
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      if (param.getKey().startsWith(prefix) && param.getValue().stream().anyMatch(v -> !v.isBlank())) {
        return false;
      }
    }
    return true;
  }

  static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** What was submitted, to show the form again after a problem. */
  static Map<String, String> submitted(Map<String, List<String>> params) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (!v.isEmpty() && !k.equals("_csrf")) {
        out.put(k, v.get(0));
      }
    });
    return out;
  }
}
