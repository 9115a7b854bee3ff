package dev.flow.maven;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.bpmn.Bpmn;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diagram.Diagrams;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One run of the {@code generate} goal, without Maven: find the {@code .flow} files, skip
 * everything when nothing changed since the last generation, otherwise check them as one model
 * and write the Java sources, diagrams and BPMN files, touching only files whose content changed and deleting
 * the outputs that are gone.
 */
final class FlowGeneration {
  /**
   * What to read and where to write.
   *
   * @param baseDirectory the project's directory: file names in diagnostics are relative to it
   * @param sourceDirectory where the {@code .flow} files are (searched recursively)
   * @param outputDirectory the root of the generated Java sources
   * @param diagramsDirectory the root of the generated diagrams, or empty for none
   * @param bpmnDirectory the root of the generated BPMN files, or empty for none
   * @param stateFile where the state of the last generation is kept
   * @param tool what generates (plugin and compiler versions): a change regenerates
   * @param warningsAsErrors warnings fail the generation too
   */
  record Settings(Path baseDirectory, Path sourceDirectory, Path outputDirectory, Optional<Path> diagramsDirectory,
      Optional<Path> bpmnDirectory, Path stateFile, String tool, boolean warningsAsErrors) {
    Settings {
      baseDirectory = baseDirectory.toAbsolutePath().normalize();
      sourceDirectory = sourceDirectory.toAbsolutePath().normalize();
      outputDirectory = outputDirectory.toAbsolutePath().normalize();
      diagramsDirectory = diagramsDirectory.map(d -> d.toAbsolutePath().normalize());
      bpmnDirectory = bpmnDirectory.map(d -> d.toAbsolutePath().normalize());
      stateFile = stateFile.toAbsolutePath().normalize();
      Objects.requireNonNull(tool, "tool");
    }
  }

  /** How a run ended. */
  enum Status {
    /** No {@code .flow} file and nothing generated before: nothing to do. */
    NO_SOURCES,
    /** Nothing changed since the last generation: no file was read beyond hashing, none written. */
    UP_TO_DATE,
    /** The model was checked and its outputs are on disk. */
    GENERATED,
    /** The model has errors (or warnings, with warningsAsErrors): nothing was written. */
    FAILED
  }

  /**
   * What a run did.
   *
   * @param status how it ended
   * @param sources every {@code .flow} file found
   * @param diagnostics what the compiler said (empty when up to date)
   * @param fileOf the file on disk behind each name that diagnostics use
   * @param counts files written, left as they were, and deleted
   */
  record Result(Status status, List<Path> sources, List<Diagnostic> diagnostics, Map<String, Path> fileOf,
      OutputFiles.Counts counts) {
    Result {
      sources = List.copyOf(sources);
      diagnostics = List.copyOf(diagnostics);
      fileOf = Map.copyOf(fileOf);
    }
  }

  private final Settings settings;
  private final OutputFiles outputs;

  FlowGeneration(Settings settings, OutputFiles.Sink sink) {
    this.settings = settings;
    this.outputs = new OutputFiles(sink);
  }

  Result run() throws IOException {
    List<Path> sources = findSources(settings.sourceDirectory());
    Map<Path, byte[]> contents = new LinkedHashMap<>();
    for (Path source : sources) {
      contents.put(source, Files.readAllBytes(source));
    }
    String fingerprint = fingerprint(contents);
    Optional<GenerationState> previous = GenerationState.read(settings.stateFile());
    OutputFiles.Counts none = new OutputFiles.Counts(0, 0, 0);
    if (previous.isPresent() && previous.get().fingerprint().equals(fingerprint) && previous.get().outputsExist()) {
      return new Result(Status.UP_TO_DATE, sources, List.of(), Map.of(), none);
    }
    if (sources.isEmpty() && previous.isEmpty()) {
      return new Result(Status.NO_SOURCES, sources, List.of(), Map.of(), none);
    }

    Map<String, Path> fileOf = new LinkedHashMap<>();
    List<SourceFile> files = new ArrayList<>();
    for (Map.Entry<Path, byte[]> source : contents.entrySet()) {
      String name = displayName(source.getKey());
      fileOf.put(name, source.getKey());
      files.add(new SourceFile(name, decode(source.getKey(), source.getValue())));
    }
    SortedMap<Path, byte[]> generated = new TreeMap<>();
    List<Diagnostic> diagnostics = List.of();
    if (!files.isEmpty()) {
      Compilation compilation = Compiler.compile(files, Compiler.Mode.GENERATE);
      diagnostics = compilation.diagnostics();
      boolean failed = compilation.hasErrors() || (settings.warningsAsErrors() && compilation.warningCount() > 0);
      if (failed || compilation.model().isEmpty()) {
        return new Result(Status.FAILED, sources, diagnostics, fileOf, none);
      }
      put(generated, settings.outputDirectory(), JavaGenerator.generate(compilation.model().get()));
      if (settings.diagramsDirectory().isPresent()) {
        put(generated, settings.diagramsDirectory().get(), Diagrams.files(compilation.model().get()));
      }
      if (settings.bpmnDirectory().isPresent()) {
        put(generated, settings.bpmnDirectory().get(), Bpmn.files(compilation.model().get()));
      }
    }

    Set<Path> roots = new LinkedHashSet<>();
    roots.add(settings.outputDirectory());
    settings.diagramsDirectory().ifPresent(roots::add);
    settings.bpmnDirectory().ifPresent(roots::add);
    Set<Path> before = previous.isPresent() ? previous.get().outputs() : Set.of();
    OutputFiles.Counts counts = outputs.sync(generated, before, roots);
    GenerationState state = GenerationState.of(fingerprint, generated.keySet());
    new OutputFiles(OutputFiles.fileSystem()).write(settings.stateFile(), state.text().getBytes(StandardCharsets.UTF_8));
    return new Result(Status.GENERATED, sources, diagnostics, fileOf, counts);
  }

  /** Every {@code .flow} file under {@code dir}, sorted by path, so that runs are deterministic. */
  static List<Path> findSources(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".flow"))
          .filter(Files::isRegularFile)
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .toList();
    }
  }

  private static void put(SortedMap<Path, byte[]> out, Path root, SortedMap<String, String> files) {
    for (Map.Entry<String, String> file : files.entrySet()) {
      out.put(root.resolve(file.getKey()).normalize(), file.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The file as diagnostics name it: relative to the project ({@code src/main/flow/a.flow},
   * {@code ../shared/a.flow}), or absolute when it is on another file system root.
   */
  private String displayName(Path file) {
    Path shown;
    try {
      shown = settings.baseDirectory().relativize(file);
    } catch (IllegalArgumentException e) {
      shown = file;
    }
    return shown.toString().replace('\\', '/');
  }

  /** Strict UTF-8, as the compiler reads files: a malformed byte is an error, a byte-order mark is dropped. */
  private static String decode(Path file, byte[] bytes) throws IOException {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not a UTF-8 text file", e);
    }
  }

  /** A hash of everything that decides the outputs: the tool, the settings, each source's path and bytes. */
  private String fingerprint(Map<Path, byte[]> contents) {
    MessageDigest digest = sha256();
    update(digest, "tool", settings.tool());
    update(digest, "output", settings.outputDirectory().toString());
    update(digest, "diagrams", settings.diagramsDirectory().map(Path::toString).orElse("-"));
    update(digest, "bpmn", settings.bpmnDirectory().map(Path::toString).orElse("-"));
    update(digest, "warningsAsErrors", String.valueOf(settings.warningsAsErrors()));
    for (Map.Entry<Path, byte[]> source : contents.entrySet()) {
      update(digest, "source", source.getKey().toString());
      update(digest, "content", HexFormat.of().formatHex(sha256().digest(source.getValue())));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, String key, String value) {
    digest.update((key + '=' + value + '\n').getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
