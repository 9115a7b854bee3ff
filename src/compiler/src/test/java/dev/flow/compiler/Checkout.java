package dev.flow.compiler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The checkout the tests run in, for tests that read the examples and the test models from it. */
final class Checkout {
  private Checkout() {}

  /** The checkout's top folder: the first folder up from the working directory with examples and sources. */
  static Path root() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples")) && Files.isDirectory(p.resolve("src/compiler"))) {
        return p;
      }
    }
    throw new IllegalStateException("not inside the checkout");
  }
}
