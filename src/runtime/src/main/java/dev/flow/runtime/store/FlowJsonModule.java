package dev.flow.runtime.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.flow.runtime.history.Payload;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * What Jackson needs to write Flow's values and history entries: {@code Instant},
 * {@code LocalDate} and {@code Duration} as ISO-8601 strings (without Jackson's JSR-310 module),
 * and a {@link Payload} as its value's JSON, read back as an {@link EncodedPayload} that decodes
 * with the step's declared type later.
 */
final class FlowJsonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  FlowJsonModule(ObjectMapper mapper) {
    super("flow-values");
    iso(Instant.class, Instant::parse);
    iso(LocalDate.class, LocalDate::parse);
    iso(Duration.class, Duration::parse);
    addSerializer(Payload.class, new PayloadSerializer());
    addDeserializer(Payload.class, new PayloadDeserializer(mapper));
  }

  private <T> void iso(Class<T> type, Function<String, T> parse) {
    addSerializer(type, new IsoSerializer<>(type));
    addDeserializer(type, new IsoDeserializer<>(type, parse));
  }

  /** Writes a value as its ISO-8601 {@code toString()}. */
  private static final class IsoSerializer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    IsoSerializer(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(value instanceof Instant instant ? IsoInstant.format(instant) : value.toString());
    }
  }

  /** Reads a value from its ISO-8601 text. */
  private static final class IsoDeserializer<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<String, T> parse;

    IsoDeserializer(Class<T> type, Function<String, T> parse) {
      super(type);
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        @SuppressWarnings("unchecked")
        T none = (T) ctxt.handleUnexpectedToken(handledType(), p);
        return none;
      }
      String text = p.getText();
      try {
        return parse.apply(text);
      } catch (DateTimeException e) {
        @SuppressWarnings("unchecked")
        T none = (T) ctxt.handleWeirdStringValue(handledType(), text, "not an ISO-8601 %s: %s",
            handledType().getSimpleName(), e.getMessage());
        return none;
      }
    }
  }

  /** Writes a live payload's value with its own type, an encoded one's tree as it is. */
  private static final class PayloadSerializer extends StdSerializer<Payload> {
    private static final long serialVersionUID = 1L;

    PayloadSerializer() {
      super(Payload.class);
    }

    @Override
    public void serialize(Payload payload, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (payload instanceof EncodedPayload encoded) {
        gen.writeTree(encoded.tree());
      } else if (payload.isNone()) {
        gen.writeNull();
      } else {
        provider.defaultSerializeValue(payload.value(), gen);
      }
    }
  }

  /** Reads a payload's JSON into an {@link EncodedPayload}; JSON {@code null} is {@link Payload#NONE}. */
  private static final class PayloadDeserializer extends StdDeserializer<Payload> {
    private static final long serialVersionUID = 1L;
    private final transient ObjectMapper mapper;

    PayloadDeserializer(ObjectMapper mapper) {
      super(Payload.class);
      this.mapper = mapper;
    }

    @Override
    public Payload deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = ctxt.readTree(p);
      return tree.isNull() ? Payload.NONE : new EncodedPayload(tree, mapper);
    }

    @Override
    public Payload getNullValue(DeserializationContext ctxt) {
      return Payload.NONE;
    }
  }
}
