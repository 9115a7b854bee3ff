package dev.flow.maven;

import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceSpan;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Compiles the {@code .flow} files of a project to Java sources (added as a compile source root)
 * and Mermaid diagrams (and, with {@code bpmn}, BPMN 2.0 XML). Errors fail the build with the
 * compiler's diagnostics, and go to the IDE as markers through the {@link BuildContext}. When no
 * {@code .flow} file changed, no file is written; when one did, only outputs whose content
 * changed are rewritten and outputs that are gone are deleted.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
  /** Where the {@code .flow} files are; every {@code *.flow} below it is one model. */
  @Parameter(property = "flow.sourceDirectory", defaultValue = "${project.basedir}/src/main/flow", required = true)
  private File sourceDirectory;

  /** Where the Java sources go; added to the project's compile source roots. */
  @Parameter(property = "flow.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/flow",
      required = true)
  private File outputDirectory;

  /** Whether to write Mermaid diagrams (a flowchart per workflow, a map per process, the landscape). */
  @Parameter(property = "flow.diagrams", defaultValue = "true")
  private boolean diagrams;

  /** Where the Mermaid diagrams ({@code .mmd}) go. */
  @Parameter(property = "flow.diagramsDirectory", defaultValue = "${project.build.directory}/generated-docs/flow",
      required = true)
  private File diagramsDirectory;

  /**
   * Whether to write BPMN 2.0 XML too: a file per process with a pool per workflow (as
   * {@code flowc bpmn} does).
   */
  @Parameter(property = "flow.bpmn", defaultValue = "false")
  private boolean bpmn;

  /** Where the BPMN files ({@code .bpmn}) go. */
  @Parameter(property = "flow.bpmnDirectory", defaultValue = "${project.build.directory}/generated-docs/flow-bpmn",
      required = true)
  private File bpmnDirectory;

  /** Warnings fail the build too. */
  @Parameter(property = "flow.warningsAsErrors", defaultValue = "false")
  private boolean warningsAsErrors;

  /** Skip generation (the output directory is still added as a source root). */
  @Parameter(property = "flow.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  private final BuildContext buildContext;

  /** Maven injects the build context: m2e's in Eclipse, a plain file system one on the command line. */
  @Inject
  public GenerateMojo(BuildContext buildContext) {
    this.buildContext = buildContext;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    // Registered first, even when skipped or up to date, so that the compiler always sees it.
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    if (skip) {
      getLog().info("Skipping Flow generation (flow.skip)");
      return;
    }
    if (buildContext.isIncremental() && !buildContext.hasDelta(sourceDirectory)) {
      getLog().debug("No change under " + sourceDirectory + ": nothing to generate");
      return;
    }
    FlowGeneration.Settings settings = new FlowGeneration.Settings(
        project.getBasedir().toPath(),
        sourceDirectory.toPath(),
        outputDirectory.toPath(),
        diagrams ? Optional.of(diagramsDirectory.toPath()) : Optional.empty(),
        bpmn ? Optional.of(bpmnDirectory.toPath()) : Optional.empty(),
        stateFile(),
        tool(),
        warningsAsErrors);
    FlowGeneration.Result result;
    try {
      result = new FlowGeneration(settings, new BuildContextSink(buildContext)).run();
    } catch (IOException e) {
      throw new MojoExecutionException("Flow generation failed: " + e.getMessage(), e);
    }
    report(result);
  }

  private void report(FlowGeneration.Result result) throws MojoFailureException {
    for (Path source : result.sources()) {
      buildContext.removeMessages(source.toFile());
    }
    for (Diagnostic d : result.diagnostics()) {
      log(d);
      mark(d, result);
    }
    switch (result.status()) {
      case NO_SOURCES -> getLog().info("No .flow files in " + sourceDirectory);
      case UP_TO_DATE -> getLog().info("Nothing to generate: " + result.sources().size()
          + " .flow file(s) unchanged since the last generation");
      case GENERATED -> getLog().info("Generated from " + result.sources().size() + " .flow file(s): "
          + result.counts().written() + " written, " + result.counts().unchanged() + " unchanged, "
          + result.counts().deleted() + " deleted");
      case FAILED -> throw new MojoFailureException(failureMessage(result.diagnostics()));
      default -> throw new IllegalStateException("unknown status " + result.status());
    }
  }

  /** The full rendered diagnostic, one log line per line so that every line carries its level. */
  private void log(Diagnostic d) {
    boolean error = d.isError() || warningsAsErrors;
    for (String line : DiagnosticRenderer.render(d).split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (error) {
        getLog().error(line);
      } else {
        getLog().warn(line);
      }
    }
  }

  /**
   * An IDE marker. The command line's {@link DefaultBuildContext} would only log the message
   * again, after the full diagnostic, so it is not told.
   */
  private void mark(Diagnostic d, FlowGeneration.Result result) {
    if (buildContext instanceof DefaultBuildContext) {
      return;
    }
    SourceSpan span = d.span();
    Path file = span.isNone() ? null : result.fileOf().get(span.fileName());
    if (file == null) {
      return;
    }
    int severity = d.isError() || warningsAsErrors ? BuildContext.SEVERITY_ERROR : BuildContext.SEVERITY_WARNING;
    String message = d.severity().label() + "[" + d.code() + "]: " + d.message()
        + d.help().map(h -> " (help: " + h + ")").orElse("");
    buildContext.addMessage(file.toFile(), span.line(), span.column(), message, severity, null);
  }

  /** What Maven prints at the end of a failed build: the count and every error's first line. */
  static String failureMessage(List<Diagnostic> diagnostics) {
    String headers = diagnostics.stream().map(DiagnosticRenderer::header).collect(Collectors.joining("\n"));
    return "Flow: " + DiagnosticRenderer.summary(diagnostics) + " in .flow files\n" + headers;
  }

  /** One state file per execution, so that two executions with other directories do not mix. */
  private Path stateFile() {
    String id = mojoExecution == null ? "default" : mojoExecution.getExecutionId();
    return Path.of(project.getBuild().getDirectory(), "flow-maven-plugin", id + ".state");
  }

  /**
   * What generates: this plugin's and the compiler's versions and jars. A snapshot rebuilt under
   * the same version still regenerates, because its jar's size or time changed.
   */
  private String tool() {
    return "flow-maven-plugin " + jar(GenerateMojo.class) + "; flow-compiler " + jar(JavaGenerator.class);
  }

  private static String jar(Class<?> type) {
    String version = Optional.ofNullable(type.getPackage().getImplementationVersion()).orElse("?");
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      return version;
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      if (Files.isRegularFile(path)) {
        return version + " " + path + " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis();
      }
      return version + " " + path;
    } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
      return version;
    }
  }
}
