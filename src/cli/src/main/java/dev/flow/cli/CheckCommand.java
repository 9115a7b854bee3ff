package dev.flow.cli;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.DiagnosticRenderer;
import dev.flow.compiler.source.SourceFile;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc check FILES|DIRS}: parse and check the files as one model, print the
 * diagnostics (text on stderr, or JSON on stdout), exit 0, 1 or 2.
 */
final class CheckCommand implements Command {
  private static final String WARNINGS_AS_ERRORS = "warnings-as-errors";
  private static final String FORMAT = "format";
  private static final String QUIET = "quiet";

  /** How diagnostics are printed. */
  enum Format {
    /** The rustc-like form of LANGUAGE.md §6, on stderr. */
    TEXT,
    /** One JSON document on stdout ({@link JsonReport}). */
    JSON,
    /** A SARIF 2.1.0 log on stdout, for code scanning ({@link SarifReport}). */
    SARIF,
    /** GitHub Actions annotations on stdout ({@link GithubReport}). */
    GITHUB
  }

  @Override
  public String name() {
    return "check";
  }

  @Override
  public String summary() {
    return "parse and check .flow files and print every problem found";
  }

  @Override
  public String usage() {
    return "flowc check [options] [FILES|DIRS...]";
  }

  @Override
  public String description() {
    return "Parses and checks the given .flow files together, as one model, and prints every"
        + " problem found, each with its file, line, column and code. Without files, checks the"
        + " .flow files below the current directory.\n\n"
        + "Directories are searched recursively for *.flow files, in sorted order; hidden"
        + " directories, target and node_modules are skipped.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder()
            .longOpt(FORMAT)
            .hasArg()
            .argName("text|json|sarif|github")
            .desc("text: diagnostics for people on stderr (the default); json: one JSON document"
                + " on stdout; sarif: a SARIF 2.1.0 log on stdout, for code scanning; github:"
                + " GitHub Actions annotations on stdout")
            .get())
        .addOption(Option.builder()
            .longOpt(WARNINGS_AS_ERRORS)
            .desc("exit with 1 when there are warnings, as for errors")
            .get())
        .addOption(Option.builder("q")
            .longOpt(QUIET)
            .desc("print the diagnostics only, without the closing summary line")
            .get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    Format format = format(line.getOptionValue(FORMAT, "text"));
    boolean warningsAsErrors = line.hasOption(WARNINGS_AS_ERRORS);
    List<SourceFile> files = SourceFinder.read(SourceFinder.orCurrentDirectory(line.getArgList()));
    Compilation compilation = Compiler.check(files);
    List<Diagnostic> diagnostics = compilation.diagnostics();
    long errors = compilation.errorCount();
    long warnings = compilation.warningCount();

    switch (format) {
      case JSON -> terminal.out().print(JsonReport.of(diagnostics));
      case SARIF -> terminal.out().print(SarifReport.of(diagnostics));
      case GITHUB -> terminal.out().print(GithubReport.of(diagnostics));
      default -> { // TEXT
        for (Diagnostic d : diagnostics) {
          terminal.err().println(terminal.render(d));
        }
      }
    }
    int exit = exitCode(errors, warnings, warningsAsErrors);
    if (!line.hasOption(QUIET)) {
      terminal.err().println(summary(files.size(), diagnostics, errors == 0 && exit != ExitCode.OK));
    }
    return exit;
  }

  /** 0 when nothing fails the check, else 1. */
  static int exitCode(long errors, long warnings, boolean warningsAsErrors) {
    return errors > 0 || (warningsAsErrors && warnings > 0) ? ExitCode.ERRORS : ExitCode.OK;
  }

  /** "checked 12 files: no problems", "checked 1 file: 2 errors, 1 warning". */
  static String summary(int fileCount, List<Diagnostic> diagnostics, boolean failedByWarnings) {
    String counts = DiagnosticRenderer.summary(diagnostics);
    return "checked " + fileCount + (fileCount == 1 ? " file: " : " files: ")
        + (counts.isEmpty() ? "no problems" : counts)
        + (failedByWarnings ? " (failing because of --warnings-as-errors)" : "");
  }

  private static Format format(String value) throws UsageException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      case "sarif" -> Format.SARIF;
      case "github" -> Format.GITHUB;
      default -> throw new UsageException(
          "unknown format `" + value + "`: --format is text, json, sarif or github", "run `flowc check --help` for the options");
    };
  }
}
