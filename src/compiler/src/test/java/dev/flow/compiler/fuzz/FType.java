package dev.flow.compiler.fuzz;

import java.util.List;

/** A Flow type as the random model generator sees it. */
record FType(Kind kind, String name, FType inner, List<Field> fields) {
  enum Kind { TEXT, INT, DECIMAL, BOOL, DATE, TIMESTAMP, DURATION, LIST, OPTIONAL, ENUM, RECORD }

  /** A field of a record or event, or a constant of an enum (type null). */
  record Field(String name, FType type) {}

  static final FType TEXT = new FType(Kind.TEXT, "Text", null, List.of());
  static final FType INT = new FType(Kind.INT, "Int", null, List.of());
  static final FType DECIMAL = new FType(Kind.DECIMAL, "Decimal", null, List.of());
  static final FType BOOL = new FType(Kind.BOOL, "Bool", null, List.of());
  static final FType DATE = new FType(Kind.DATE, "Date", null, List.of());
  static final FType TIMESTAMP = new FType(Kind.TIMESTAMP, "Timestamp", null, List.of());
  static final FType DURATION = new FType(Kind.DURATION, "Duration", null, List.of());
  static final List<FType> PRIMITIVES = List.of(TEXT, INT, DECIMAL, BOOL, DATE, TIMESTAMP, DURATION);

  static FType list(FType element) {
    return new FType(Kind.LIST, "List<" + element.name + ">", element, List.of());
  }

  static FType optional(FType t) {
    return t.kind == Kind.OPTIONAL ? t : new FType(Kind.OPTIONAL, t.name + "?", t, List.of());
  }

  static FType enumType(String name, List<String> constants) {
    return new FType(Kind.ENUM, name, null, constants.stream().map(c -> new Field(c, null)).toList());
  }

  static FType record(String name, List<Field> fields) {
    return new FType(Kind.RECORD, name, null, List.copyOf(fields));
  }

  boolean isOptional() {
    return kind == Kind.OPTIONAL;
  }

  @Override
  public String toString() {
    return name;
  }
}
