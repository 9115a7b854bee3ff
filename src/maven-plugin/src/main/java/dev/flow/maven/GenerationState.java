package dev.flow.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the last successful generation read and wrote, kept in a small text file under
 * {@code target/}: a fingerprint of its inputs (every {@code .flow} file's path and content, the
 * plugin and compiler that ran, the settings) and every file it wrote. The next build compares
 * fingerprints to skip work, and deletes only files listed here, never anything else.
 *
 * @param fingerprint a hash of everything that decides the outputs
 * @param outputs every file written, as absolute paths
 */
record GenerationState(String fingerprint, SortedSet<Path> outputs) {
  private static final String HEADER =
      "# flow-maven-plugin: what the last generation read (fingerprint) and wrote (output). Delete to regenerate.";
  private static final String FINGERPRINT = "fingerprint ";
  private static final String OUTPUT = "output ";

  GenerationState {
    Objects.requireNonNull(fingerprint, "fingerprint");
    outputs = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(outputs));
  }

  static GenerationState of(String fingerprint, Set<Path> outputs) {
    return new GenerationState(fingerprint, new TreeSet<>(outputs));
  }

  /** The state in {@code file}, or empty when there is none or it cannot be read as one. */
  static Optional<GenerationState> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String fingerprint = null;
      SortedSet<Path> outputs = new TreeSet<>();
      for (String line : lines) {
        if (line.startsWith(FINGERPRINT)) {
          fingerprint = line.substring(FINGERPRINT.length());
        } else if (line.startsWith(OUTPUT)) {
          outputs.add(Paths.get(line.substring(OUTPUT.length())));
        }
      }
      return fingerprint == null ? Optional.empty() : Optional.of(new GenerationState(fingerprint, outputs));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable state only costs a full generation
    }
  }

  String text() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append(FINGERPRINT).append(fingerprint).append('\n');
    for (Path output : outputs) {
      out.append(OUTPUT).append(output).append('\n');
    }
    return out.toString();
  }

  /** True when every output listed is still on disk (someone may have deleted generated files). */
  boolean outputsExist() {
    return outputs.stream().allMatch(Files::isRegularFile);
  }
}
