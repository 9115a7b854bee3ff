package dev.flow.cli;

import dev.flow.compiler.Compiler;
import dev.flow.compiler.bpmn.Bpmn;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.codegen.JavaGenerator;
import dev.flow.compiler.diagram.Diagrams;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc compile FILES|DIRS -d OUT [--diagrams DIR] [--bpmn DIR]}: checks the files as one
 * model for code generation (every file needs a {@code package}), prints the diagnostics as
 * {@code flowc check} does, and when there is no error writes the Java (with {@code --diagrams}
 * also the Mermaid diagrams, with {@code --bpmn} the BPMN files). With an error nothing is
 * written. Files whose content is unchanged are not rewritten; nothing else in the directories
 * is touched.
 */
final class CompileCommand implements Command {
  private static final String OUTPUT = "output-dir";
  private static final String DIAGRAMS = "diagrams";
  private static final String BPMN = "bpmn";
  private static final String QUIET = "quiet";

  @Override
  public String name() {
    return "compile";
  }

  @Override
  public String summary() {
    return "check .flow files and generate Java (and Mermaid or BPMN diagrams) from them";
  }

  @Override
  public String usage() {
    return "flowc compile [options] -d OUT FILES|DIRS...";
  }

  @Override
  public String description() {
    return "Checks the given .flow files together, as one model, and generates Java below OUT: for each"
        + " package, a record per record and event, an enum per enum, an interface per system (the"
        + " connector you implement), a class per workflow and per process, and one FlowModule that"
        + " registers them with the engine. The Java needs only flow-runtime.\n\n"
        + "Problems are reported as by `flowc check`; every file must have a package. With an error,"
        + " nothing is written. A file whose content would not change is not rewritten, and nothing"
        + " else below OUT is touched.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder("d")
            .longOpt(OUTPUT)
            .hasArg()
            .argName("OUT")
            .desc("write the Java sources below OUT (created when missing)")
            .get())
        .addOption(Option.builder()
            .longOpt(DIAGRAMS)
            .hasArg()
            .argName("DIR")
            .desc("also write the Mermaid diagrams (as `flowc diagram -o DIR` does)")
            .get())
        .addOption(Option.builder()
            .longOpt(BPMN)
            .hasArg()
            .argName("DIR")
            .desc("also write BPMN 2.0 XML, a file per process (as `flowc bpmn -o DIR` does)")
            .get())
        .addOption(Option.builder("q")
            .longOpt(QUIET)
            .desc("print the diagnostics only, without the closing summary line")
            .get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    if (line.getArgList().isEmpty()) {
      throw new UsageException("`flowc compile` needs the files or directories to compile", "usage: " + usage());
    }
    String output = line.getOptionValue(OUTPUT);
    if (output == null) {
      throw new UsageException("`flowc compile` needs -d OUT, the directory to write the Java into", "usage: " + usage());
    }
    Optional<String> diagrams = Optional.ofNullable(line.getOptionValue(DIAGRAMS));
    notAFile(output, "-d names the directory to write the Java into");
    if (diagrams.isPresent()) {
      notAFile(diagrams.get(), "--diagrams names the directory to write the diagrams into");
    }
    Optional<String> bpmn = Optional.ofNullable(line.getOptionValue(BPMN));
    if (bpmn.isPresent()) {
      notAFile(bpmn.get(), "--bpmn names the directory to write the BPMN files into");
    }
    Optional<SemanticModel> model =
        CheckedModel.load(name(), line.getArgList(), terminal, usage(), Compiler.Mode.GENERATE);
    if (model.isEmpty()) {
      return ExitCode.ERRORS;
    }
    SortedMap<String, String> java = JavaGenerator.generate(model.get());
    SortedMap<String, String> mermaid = diagrams.isPresent() ? Diagrams.files(model.get()) : null;
    SortedMap<String, String> xml = bpmn.isPresent() ? Bpmn.files(model.get()) : null;
    String summary = OutputDirectory.write(output, java).summary("Java file", "Java files", output);
    if (diagrams.isPresent()) {
      summary += "; " + OutputDirectory.write(diagrams.get(), mermaid).summary("diagram", "diagrams", diagrams.get());
    }
    if (bpmn.isPresent()) {
      summary += "; " + OutputDirectory.write(bpmn.get(), xml).summary("BPMN file", "BPMN files", bpmn.get());
    }
    if (!line.hasOption(QUIET)) {
      terminal.err().println(summary);
    }
    return ExitCode.OK;
  }

  /** Bad usage, before any work: an output directory that is an existing file. */
  private static void notAFile(String directory, String hint) throws UsageException {
    try {
      Path path = Path.of(directory);
      if (Files.exists(path) && !Files.isDirectory(path)) {
        throw new UsageException("not a directory: " + directory, hint);
      }
    } catch (InvalidPathException e) {
      throw new UsageException("not a valid path: " + directory);
    }
  }
}
