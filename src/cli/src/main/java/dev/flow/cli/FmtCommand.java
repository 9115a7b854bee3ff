package dev.flow.cli;

import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.format.Formatter;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc fmt FILES|DIRS [--check]}: rewrites each file in the canonical layout
 * ({@link Formatter}), or with {@code --check} only names the files that would change and
 * exits 1 when there is one. A file with syntax errors is left alone and its errors printed.
 * {@code flowc fmt -} is the editors' form: it formats standard input onto standard output.
 */
final class FmtCommand implements Command {
  private static final String CHECK = "check";
  private static final String QUIET = "quiet";
  private static final String STDIN = "-";
  private static final String STDIN_NAME = "<stdin>";

  private final Supplier<InputStream> stdin;

  FmtCommand() {
    this(() -> System.in);
  }

  FmtCommand(Supplier<InputStream> stdin) {
    this.stdin = stdin;
  }

  @Override
  public String name() {
    return "fmt";
  }

  @Override
  public String summary() {
    return "lay out .flow files in the canonical format, comments kept";
  }

  @Override
  public String usage() {
    return "flowc fmt [options] [FILES|DIRS...]\n       flowc fmt [--check] -";
  }

  @Override
  public String description() {
    return "Rewrites each .flow file in the canonical layout: two spaces of indentation per block,"
        + " one space between words and around operators, braces of a block that spans lines on"
        + " lines of their own, at most one blank line in a row. Where lines break is kept, and so"
        + " is every comment and every string as written. Formatting never changes what a file"
        + " means, and formatting a formatted file changes nothing.\n\n"
        + "Without files, formats the .flow files below the current directory. Each file that"
        + " changed is named on stdout. A file with syntax errors is not changed; its errors are"
        + " printed and the exit code is 1.\n\n"
        + "With --check, nothing is written: the files that are not formatted are named on stdout"
        + " and the exit code is 1 when there is one (for CI).\n\n"
        + "With - instead of files (for editors), reads one file from stdin and writes it formatted"
        + " to stdout, the whole text even when nothing changed. With a syntax error nothing is"
        + " written to stdout, the errors (in file <stdin>) go to stderr and the exit code is 1. With"
        + " --check -, nothing is written but <stdin> when it is not formatted, and the exit code"
        + " says it as for files.";
  }

  @Override
  public String exitCodes() {
    return "Exit codes: 0 formatted (with --check: nothing to change), 1 syntax errors (with --check: or"
        + " files to format), 2 bad usage or I/O.\n";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder()
            .longOpt(CHECK)
            .desc("write nothing; name the files that would change and exit with 1 if there are any")
            .get())
        .addOption(Option.builder("q")
            .longOpt(QUIET)
            .desc("print no closing summary line")
            .get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    boolean check = line.hasOption(CHECK);
    if (line.getArgList().contains(STDIN)) {
      if (line.getArgList().size() > 1) {
        throw new UsageException("`-` (standard input) cannot be given together with files");
      }
      return formatStdin(check, terminal);
    }
    List<SourceFile> files = SourceFinder.read(SourceFinder.orCurrentDirectory(line.getArgList()));
    List<String> changed = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    for (SourceFile file : files) {
      Formatter.Result result = Formatter.format(file);
      errors.addAll(result.diagnostics());
      if (!result.changed()) {
        continue;
      }
      changed.add(file.name());
      if (!check) {
        write(Path.of(file.name()), result.text().orElseThrow());
      }
      terminal.out().println(file.name());
    }
    for (Diagnostic d : errors) {
      terminal.err().println(terminal.render(d));
    }
    if (!line.hasOption(QUIET)) {
      terminal.err().println(summary(files.size(), changed.size(), errors, check));
    }
    return !errors.isEmpty() || check && !changed.isEmpty() ? ExitCode.ERRORS : ExitCode.OK;
  }

  /** {@code flowc fmt -}: stdin formatted onto stdout; no summary line, so stdout is only the text. */
  private int formatStdin(boolean check, Terminal terminal) throws UsageException {
    SourceFile file;
    try (InputStream in = stdin.get()) {
      file = SourceFile.decode(STDIN_NAME, in.readAllBytes());
    } catch (IOException e) {
      throw new UsageException("cannot read standard input: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    Formatter.Result result = Formatter.format(file);
    if (!result.diagnostics().isEmpty()) {
      for (Diagnostic d : result.diagnostics()) {
        terminal.err().println(terminal.render(d));
      }
      return ExitCode.ERRORS;
    }
    if (check) {
      if (result.changed()) {
        terminal.out().println(STDIN_NAME);
        return ExitCode.ERRORS;
      }
      return ExitCode.OK;
    }
    terminal.out().print(result.text().orElse(file.text()));
    terminal.out().flush();
    return ExitCode.OK;
  }

  /** "formatted 12 files: 2 changed", "checked 12 files: 2 not formatted", plus the errors. */
  static String summary(int files, int changed, List<Diagnostic> errors, boolean check) {
    String count = files + (files == 1 ? " file" : " files");
    String result;
    if (check) {
      result = "checked " + count + ": " + (changed == 0 ? "all formatted" : changed + " not formatted");
    } else {
      result = "formatted " + count + ": " + (changed == 0 ? "nothing changed" : changed + " changed");
    }
    if (!errors.isEmpty()) {
      result += ", " + errors.size() + (errors.size() == 1 ? " syntax error" : " syntax errors")
          + " (files with errors are left as they are)";
    }
    return result;
  }

  private static void write(Path path, String text) throws UsageException {
    try {
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot write " + path + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }
}
