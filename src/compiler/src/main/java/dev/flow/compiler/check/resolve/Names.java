package dev.flow.compiler.check.resolve;

import java.util.Collection;
import java.util.List;

/** Small helpers that put names into messages the same way everywhere. */
public final class Names {
  private Names() {}

  /** {@code `x`}. */
  public static String quote(String name) {
    return "`" + name + "`";
  }

  /** "a role", "an event", "an enum", "an `Int`". */
  public static String withArticle(String kind) {
    char first = kind.length() > 1 && kind.charAt(0) == '`' ? kind.charAt(1) : kind.charAt(0);
    return ("aeiou".indexOf(Character.toLowerCase(first)) >= 0 ? "an " : "a ") + kind;
  }

  /** " in package com.acme", or "" for files without a package. */
  public static String inPackage(String pkg) {
    return pkg.isEmpty() ? "" : " in package " + pkg;
  }

  /** "`a`", "`a` and `b`", "`a`, `b` and `c`" (in the order given). */
  public static String list(Collection<String> names) {
    List<String> quoted = names.stream().map(Names::quote).toList();
    if (quoted.size() <= 1) {
      return String.join("", quoted);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
  }

  /** Whether the source text of a span is short enough to quote in a message. */
  public static boolean quotable(String text) {
    return !text.isEmpty() && text.length() <= 40 && text.indexOf('\n') < 0;
  }
}
