package dev.flow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of {@code flowc}, from {@code flowc.properties} that the build fills in. */
final class Version {
  private Version() {}

  static String get() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("flowc.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
