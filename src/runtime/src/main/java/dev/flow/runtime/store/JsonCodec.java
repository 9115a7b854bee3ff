package dev.flow.runtime.store;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits as JSON bytes and back, on Jackson. An entry is written with its record's fields and a
 * {@code "@type"} naming it by its stable type name (the entry record's simple name, see
 * {@link #entryTypeNames()}: renaming an entry record breaks journals written before). A
 * {@link Payload} is written from its live value (records, enums, {@code String}, {@code Long},
 * {@code BigDecimal} with its scale, {@code Boolean}, ISO-8601 {@code Instant}, {@code LocalDate}
 * and {@code Duration}, lists, {@code null}) and read back as an {@link EncodedPayload}, which
 * decodes with the type the step declares when it is asked. Thread-safe.
 */
public final class JsonCodec {
  /** How Jackson tells entries apart: a type name in an {@code "@type"} property. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
  private interface EntryTypes {}

  private final ObjectMapper mapper;

  public JsonCodec() {
    JsonMapper json = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
        .addMixIn(HistoryEntry.class, EntryTypes.class)
        .build();
    json.registerModule(new FlowJsonModule(json));
    for (Class<?> type : HistoryEntry.class.getPermittedSubclasses()) {
      json.registerSubtypes(new NamedType(type, type.getSimpleName()));
    }
    this.mapper = json;
  }

  /** The stable type names of the history entries, as they are written. */
  public static List<String> entryTypeNames() {
    List<String> names = new ArrayList<>();
    for (Class<?> type : HistoryEntry.class.getPermittedSubclasses()) {
      names.add(type.getSimpleName());
    }
    return names;
  }

  /**
   * A commit as bytes: all its parts, their entries and values, and its facts.
   *
   * @throws StoreException when a value cannot be written as JSON (e.g. a type Jackson does not know)
   */
  public byte[] encode(Commit commit) {
    return write(commit);
  }

  /**
   * A commit from its bytes; its values are {@link EncodedPayload}s.
   *
   * @throws StoreException when the bytes are not a commit
   */
  public Commit decode(byte[] bytes) {
    return read(bytes, Commit.class);
  }

  /**
   * One history entry as JSON text (with its {@code "@type"}), as a database row holds it.
   *
   * @throws StoreException when a value cannot be written as JSON
   */
  public String encodeEntry(HistoryEntry entry) {
    try {
      return mapper.writerFor(HistoryEntry.class).writeValueAsString(entry);
    } catch (JacksonException e) {
      throw new StoreException("cannot write a " + entry.getClass().getSimpleName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /**
   * One history entry from its JSON text; its values are {@link EncodedPayload}s.
   *
   * @throws StoreException when the text is not a history entry
   */
  public HistoryEntry decodeEntry(String json) {
    try {
      return mapper.readValue(json, HistoryEntry.class);
    } catch (IOException | RuntimeException e) {
      throw new StoreException("cannot read a history entry from " + json.length() + " characters of JSON: "
          + e.getMessage(), e);
    }
  }

  /** A list of strings as a JSON array (e.g. a subscription's correlation keys). */
  String encodeStrings(List<String> strings) {
    try {
      return mapper.writeValueAsString(strings);
    } catch (JacksonException e) {
      throw new StoreException("cannot write a list of strings as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A list of strings from a JSON array. */
  List<String> decodeStrings(String json) {
    try {
      return List.of(mapper.readValue(json, String[].class));
    } catch (IOException e) {
      throw new StoreException("cannot read a list of strings from " + json + ": " + e.getMessage(), e);
    }
  }

  /** A payload's value as JSON text, for messages and tools. */
  public String toJson(Payload payload) {
    try {
      return mapper.writeValueAsString(payload);
    } catch (JacksonException e) {
      throw new StoreException("a history value of type " + typeOf(payload) + " cannot be written as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /** A payload as a store would give it back: its value written and read again as an {@link EncodedPayload}. */
  public Payload roundTrip(Payload payload) {
    try {
      return mapper.readValue(mapper.writeValueAsBytes(payload), Payload.class);
    } catch (IOException e) {
      throw new StoreException("a history value of type " + typeOf(payload) + " does not survive JSON: "
          + e.getMessage(), e);
    }
  }

  /**
   * A payload from the JSON text of {@link #toJson}: what another backend (Temporal's) hands
   * between processes, decoded with the step's type when asked, as a store's payloads are.
   *
   * @throws StoreException when the text is not JSON
   */
  public Payload payload(String json) {
    return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Payload.class);
  }

  /** History entries as JSON text (each with its sequence and time), for another backend to hand over. */
  public String toJson(List<dev.flow.runtime.history.Recorded> entries) {
    return new String(write(entries.toArray(new dev.flow.runtime.history.Recorded[0])),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * History entries from the JSON text of {@link #toJson(List)}; their values are {@link EncodedPayload}s.
   *
   * @throws StoreException when the text is not such a list
   */
  public List<dev.flow.runtime.history.Recorded> history(String json) {
    return List.of(read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        dev.flow.runtime.history.Recorded[].class));
  }

  byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new StoreException("cannot write a " + value.getClass().getSimpleName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  <T> T read(byte[] bytes, Class<T> type) {
    try {
      return mapper.readValue(bytes, type);
    } catch (IOException | RuntimeException e) {
      throw new StoreException("cannot read a " + type.getSimpleName() + " from " + bytes.length + " bytes of JSON: "
          + e.getMessage(), e);
    }
  }

  private static String typeOf(Payload payload) {
    Object value = payload instanceof EncodedPayload ? null : payload.value();
    return value == null ? "JSON" : value.getClass().getName();
  }
}
