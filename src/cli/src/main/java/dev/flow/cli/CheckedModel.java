package dev.flow.cli;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * The checked model that the generating commands ({@code compile}, {@code diagram}, {@code docs}) work on: the
 * files are found and checked as {@code flowc check} does, every diagnostic is printed on stderr
 * in the same form, and the model is there only when there was no error.
 */
final class CheckedModel {
  private CheckedModel() {}

  /**
   * @param command the command's name, for messages
   * @return the model, or empty when the sources have errors (already reported)
   */
  static Optional<SemanticModel> load(String command, List<String> arguments, Terminal terminal, String usage)
      throws UsageException {
    return load(command, arguments, terminal, usage, Compiler.Mode.CHECK);
  }

  /** The same, checked for {@code mode} ({@code GENERATE} requires a package in every file). */
  static Optional<SemanticModel> load(String command, List<String> arguments, Terminal terminal, String usage,
      Compiler.Mode mode) throws UsageException {
    return load(command, arguments, terminal, usage, mode, "nothing written");
  }

  /** The same, saying {@code outcome} (e.g. "nothing run") after the summary when there are errors. */
  static Optional<SemanticModel> load(String command, List<String> arguments, Terminal terminal, String usage,
      Compiler.Mode mode, String outcome) throws UsageException {
    if (arguments.isEmpty()) {
      throw new UsageException("`flowc " + command + "` needs the files or directories to read", "usage: " + usage);
    }
    List<SourceFile> files = SourceFinder.read(arguments);
    Compilation compilation = Compiler.compile(files, mode);
    for (Diagnostic d : compilation.diagnostics()) {
      terminal.err().println(terminal.render(d));
    }
    if (compilation.hasErrors() || compilation.model().isEmpty()) {
      terminal.err().println("flowc " + command + ": " + DiagnosticRenderer.summary(compilation.diagnostics())
          + " in " + files.size() + (files.size() == 1 ? " file" : " files") + "; " + outcome);
      return Optional.empty();
    }
    return compilation.model();
  }
}
