package dev.flow.compiler.bpmn;

import java.util.Set;

/** XML ids (NCNames) from Flow names: letters, digits and {@code _} kept, anything else {@code _}. */
final class Ids {
  private Ids() {}

  static String ncName(String name) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      s.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    if (s.length() == 0 || !Character.isLetter(s.charAt(0))) {
      s.insert(0, 'W');
    }
    return s.toString();
  }

  /** The name, or the name with {@code _2}, {@code _3}… when it is taken. */
  static String unique(String name, Set<String> taken) {
    String id = name;
    for (int n = 2; !taken.add(id); n++) {
      id = name + "_" + n;
    }
    return id;
  }
}
