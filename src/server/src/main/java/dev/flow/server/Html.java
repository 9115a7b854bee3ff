package dev.flow.server;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Escaping and small pieces of HTML: every text that reaches a page goes through {@link #esc}. */
final class Html {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private Html() {}

  /** The text with {@code & < > " '} escaped, for element content and quoted attribute values. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A path segment, URL-encoded (ids and names in links). */
  static String url(String segment) {
    return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An id in a path: each of its {@code /}-separated segments URL-encoded, the slashes kept. */
  static String path(String id) {
    StringBuilder out = new StringBuilder();
    for (String segment : id.split("/", -1)) {
      out.append(out.length() == 0 ? "" : "/").append(url(segment));
    }
    return out.toString();
  }

  /** A time in UTC, to the minute. */
  static String time(Instant at) {
    return at == null ? "" : TIME.format(at) + " UTC";
  }

  /** A duration in words: {@code 2d 3h}, {@code 5m}, {@code 12s}. */
  static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long seconds = Math.max(0, d.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    if (days > 0) {
      return days + "d" + (hours > 0 ? " " + hours + "h" : "");
    }
    if (hours > 0) {
      return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
    }
    if (minutes > 0) {
      return minutes + "m";
    }
    return seconds + "s";
  }

  /** The part of a qualified name after the last dot. */
  static String simple(String qualified) {
    return qualified == null ? "" : qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
