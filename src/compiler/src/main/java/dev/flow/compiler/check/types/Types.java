package dev.flow.compiler.check.types;

import java.util.Map;

/**
 * The relations between types that LANGUAGE.md §2, §5 and §7 rule 10 define: which value fits
 * where ({@link #isAssignable}), which values can be compared ({@link #equatable},
 * {@link #ordered}) and what two values have in common ({@link #unify}).
 */
public final class Types {
  private Types() {}

  /**
   * Whether a {@code from} fits where a {@code to} is required: the same type, a {@code T} or a
   * {@code T?} or {@code none} into a {@code T?}, an {@code Int} into a {@code Decimal}, a
   * {@code List<T>} into a {@code List<T?>}, one anonymous record into another with the same
   * fields; the error type fits everywhere. A {@code List<Int>} does not fit a
   * {@code List<Decimal>} (its elements would need converting); a list literal does, because
   * its elements are checked one by one.
   */
  public static boolean isAssignable(Type from, Type to) {
    if (from.isError() || to.isError()) {
      return true;
    }
    if (from.equals(to)) {
      return true;
    }
    if (to instanceof Type.Optional o) {
      return from == Type.NONE || isAssignable(Type.required(from), o.inner());
    }
    if (from == Type.INT && to == Type.DECIMAL) {
      return true;
    }
    if (from instanceof Type.ListOf f && to instanceof Type.ListOf t) {
      return elementFits(f.element(), t.element());
    }
    if (from instanceof Type.Struct f && to instanceof Type.Struct t) {
      return sameFields(f.fields(), t.fields());
    }
    return false;
  }

  private static boolean elementFits(Type from, Type to) {
    if (from.isError() || to.isError() || from.equals(to)) {
      return true;
    }
    if (to instanceof Type.Optional o) {
      return from == Type.NONE || elementFits(Type.required(from), o.inner());
    }
    if (from instanceof Type.ListOf f && to instanceof Type.ListOf t) {
      return elementFits(f.element(), t.element());
    }
    return from instanceof Type.Struct f && to instanceof Type.Struct t && sameFields(f.fields(), t.fields());
  }

  private static boolean sameFields(Map<String, Type> a, Map<String, Type> b) {
    return a.equals(b);
  }

  /** Whether a value of this type can be stored, passed and compared (not a role, not "no value"). */
  public static boolean isValue(Type t) {
    return !(t instanceof Type.DeclarationName) && t != Type.VOID;
  }

  /** {@code ==} and {@code !=}: one type, a {@code T?} and a {@code T}, numbers, or anything and {@code none}. */
  public static boolean equatable(Type a, Type b) {
    if (a.isError() || b.isError() || a == Type.NONE || b == Type.NONE) {
      return true;
    }
    Type ra = Type.required(a);
    Type rb = Type.required(b);
    return ra.equals(rb) || isNumeric(ra) && isNumeric(rb) || isAssignable(ra, rb) && isAssignable(rb, ra);
  }

  /** Whether {@code <}, {@code <=}, {@code >}, {@code >=} compare two (required) values of these types. */
  public static boolean ordered(Type a, Type b) {
    if (a.isError() || b.isError()) {
      return true;
    }
    if (!(a instanceof Type.Primitive pa && pa.isOrdered() && b instanceof Type.Primitive pb && pb.isOrdered())) {
      return false;
    }
    return a == b || isNumeric(a) && isNumeric(b);
  }

  public static boolean isNumeric(Type t) {
    return t instanceof Type.Primitive p && p.isNumeric();
  }

  /**
   * The type that holds values of both types, or null when there is none: the same type, the
   * optional when one is optional or {@code none}, {@code Decimal} for {@code Int} and
   * {@code Decimal}. The error type unifies with anything.
   */
  public static Type unify(Type a, Type b) {
    if (a.isError()) {
      return b;
    }
    if (b.isError()) {
      return a;
    }
    if (a == Type.NONE) {
      return b == Type.NONE ? Type.NONE : Type.optional(b);
    }
    if (b == Type.NONE) {
      return Type.optional(a);
    }
    boolean optional = a.isOptional() || b.isOptional();
    Type ra = Type.required(a);
    Type rb = Type.required(b);
    Type common;
    if (ra.equals(rb)) {
      common = ra;
    } else if (isNumeric(ra) && isNumeric(rb)) {
      common = Type.DECIMAL;
    } else if (isAssignable(ra, rb)) {
      common = rb;
    } else if (isAssignable(rb, ra)) {
      common = ra;
    } else {
      return null;
    }
    return optional ? Type.optional(common) : common;
  }

  /** {@code `Text?`}: a type as messages quote it. */
  public static String quote(Type t) {
    return "`" + t.display() + "`";
  }

  /** "type mismatch: expected `Int`, found `Text`". */
  public static String mismatch(Type expected, Type found) {
    return "type mismatch: expected " + quote(expected) + ", found " + quote(found);
  }
}
