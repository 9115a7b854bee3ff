package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Decl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The type of a Flow value (LANGUAGE.md §2), plus the checker's own helper types.
 *
 * <p>This interface has no default methods on purpose: an interface with default methods is
 * initialized before any class that implements it, so {@code Type.TEXT = Primitive.TEXT} would
 * read {@code null} whenever {@link Primitive} happened to be initialized first.
 */
public sealed interface Type {
  /** How the type is written for users in messages: {@code Text?}, {@code List<Document>}. */
  String display();

  /** The built-in scalar types. */
  enum Primitive implements Type {
    TEXT("Text"),
    INT("Int"),
    DECIMAL("Decimal"),
    BOOL("Bool"),
    DATE("Date"),
    TIMESTAMP("Timestamp"),
    DURATION("Duration");

    /** Every constant, read without {@code values()}'s copy: a type is looked up by name for every written type. */
    private static final Primitive[] ALL = values();

    private final String display;

    Primitive(String display) {
      this.display = display;
    }

    @Override
    public String display() {
      return display;
    }

    @Override
    public boolean isOptional() {
      return false;
    }

    @Override
    public boolean isError() {
      return false;
    }

    /** The built-in type of that name, or null. */
    public static Primitive named(String name) {
      for (Primitive p : ALL) {
        if (p.display.equals(name)) {
          return p;
        }
      }
      return null;
    }

    public boolean isNumeric() {
      return this == INT || this == DECIMAL;
    }

    public boolean isOrdered() {
      return this != TEXT && this != BOOL;
    }
  }

  /** {@code List<T>}. */
  record ListOf(Type element) implements Type {
    @Override
    public String display() {
      return "List<" + element.display() + ">";
    }

    @Override
    public boolean isOptional() {
      return false;
    }

    @Override
    public boolean isError() {
      return false;
    }
  }

  /** {@code T?}. Never nested: {@code optional(optional(T))} is {@code T?}. */
  record Optional(Type inner) implements Type {
    @Override
    public String display() {
      return inner.display() + "?";
    }

    @Override
    public boolean isOptional() {
      return true;
    }

    @Override
    public boolean isError() {
      return false;
    }
  }

  /** A declared record, event or enum. */
  record Declared(Decl decl) implements Type {
    @Override
    public String display() {
      return decl.name().text();
    }

    @Override
    public boolean isOptional() {
      return false;
    }

    @Override
    public boolean isError() {
      return false;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Declared d && d.decl == decl;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(decl);
    }
  }

  /**
   * An anonymous record: a human step's form, an approval's result, a caught error, a called
   * workflow's outputs. Fields keep their declaration order.
   */
  record Struct(Map<String, Type> fields) implements Type {
    public Struct {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** {@code { a: Text, b: Int? }}: written out when asked (for a message or a document), not for every step. */
    @Override
    public String display() {
      StringBuilder out = new StringBuilder("{ ");
      String separator = "";
      for (Map.Entry<String, Type> e : fields.entrySet()) {
        out.append(separator).append(e.getKey()).append(": ").append(e.getValue().display());
        separator = ", ";
      }
      return out.append(" }").toString();
    }

    @Override
    public boolean isOptional() {
      return false;
    }

    @Override
    public boolean isError() {
      return false;
    }
  }

  /** A name that denotes a declaration, not a value: a role, system, workflow, process or enum. */
  record DeclarationName(Decl decl) implements Type {
    @Override
    public String display() {
      return decl.kind() + " " + decl.name().text();
    }

    @Override
    public boolean isOptional() {
      return false;
    }

    @Override
    public boolean isError() {
      return false;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DeclarationName d && d.decl == decl;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(decl);
    }
  }

  /** Singletons: the result of something that has none, {@code none}, and the error type. */
  enum Special implements Type {
    /** No value: a human step without fields, an action without a result type. */
    VOID("no value"),
    /** The type of the literal {@code none}: fits every optional. */
    NONE("none"),
    /** The type of anything that did not check: fits everywhere, so causes no follow-on errors. */
    ERROR("<error>");

    private final String display;

    Special(String display) {
      this.display = display;
    }

    @Override
    public String display() {
      return display;
    }

    @Override
    public boolean isOptional() {
      return false;
    }

    @Override
    public boolean isError() {
      return this == ERROR;
    }
  }

  Type TEXT = Primitive.TEXT;
  Type INT = Primitive.INT;
  Type DECIMAL = Primitive.DECIMAL;
  Type BOOL = Primitive.BOOL;
  Type DATE = Primitive.DATE;
  Type TIMESTAMP = Primitive.TIMESTAMP;
  Type DURATION = Primitive.DURATION;
  Type ERROR = Special.ERROR;
  Type VOID = Special.VOID;
  Type NONE = Special.NONE;

  static Type optional(Type t) {
    return t instanceof Optional || t == ERROR || t == NONE ? t : new Optional(t);
  }

  /** The type without its {@code ?}. */
  static Type required(Type t) {
    return t instanceof Optional o ? o.inner : t;
  }

  /** Whether this is a {@code T?}. */
  boolean isOptional();

  /** Whether this is the error type. */
  boolean isError();
}
