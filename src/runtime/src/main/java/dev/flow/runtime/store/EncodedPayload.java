package dev.flow.runtime.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.PayloadException;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A history value read back from a store: its JSON tree, decoded with the type a step declares
 * when first asked ({@link #as(Type)}), the result kept for the next ask with the same type.
 * Two encoded payloads are equal when their trees are.
 */
public final class EncodedPayload implements Payload {
  /** The last decoding: the type asked for and what it gave. */
  private record Decoded(Type type, Object value) {}

  private final JsonNode tree;
  private final ObjectMapper mapper;
  private volatile Decoded decoded;

  EncodedPayload(JsonNode tree, ObjectMapper mapper) {
    this.tree = Objects.requireNonNull(tree, "tree");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** The value as JSON, as it is stored. */
  public JsonNode tree() {
    return tree;
  }

  @Override
  public Object as(Type type) {
    Decoded last = decoded;
    if (last != null && last.type().equals(type)) {
      return last.value();
    }
    Object value;
    try {
      value = mapper.readerFor(mapper.getTypeFactory().constructType(type)).readValue(tree);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new PayloadException("the history value " + excerpt() + " does not fit the type " + type.getTypeName()
          + " that its step declares (" + firstLine(e.getMessage()) + ")", e);
    } catch (java.io.IOException e) {
      throw new PayloadException("the history value " + excerpt() + " could not be read as " + type.getTypeName()
          + " (" + firstLine(e.getMessage()) + ")", e);
    }
    if (value instanceof List<?> list) {
      value = Collections.unmodifiableList(list);
    }
    decoded = new Decoded(type, value);
    return value;
  }

  /** The value without a declared type: maps, lists, {@code String}, {@code Long}, {@code BigDecimal}, {@code Boolean}. */
  @Override
  public Object value() {
    return as(Object.class);
  }

  @Override
  public boolean isNone() {
    return tree.isNull() || tree.isMissingNode();
  }

  private String excerpt() {
    String json = tree.toString();
    return json.length() <= 120 ? json : json.substring(0, 117) + "...";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EncodedPayload that && tree.equals(that.tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return "EncodedPayload" + excerpt();
  }
}
