package dev.flow.cli;

import dev.flow.lsp.FlowLsp;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code flowc lsp}: the language server, speaking LSP on stdin and stdout until the editor
 * says {@code exit} (or closes stdin). Nothing but the protocol is written to stdout: the
 * server's own messages go to the client's log and to stderr, and so does anything else that
 * prints to {@code System.out} while the server runs.
 */
final class LspCommand implements Command {
  private static final String STDIO = "stdio";

  private final Supplier<InputStream> in;

  LspCommand() {
    this(() -> System.in);
  }

  /** A server that reads its client from {@code in} (tests give it a stream of their own). */
  LspCommand(Supplier<InputStream> in) {
    this.in = in;
  }

  @Override
  public String name() {
    return "lsp";
  }

  @Override
  public String summary() {
    return "run the language server for editors, over stdin and stdout";
  }

  @Override
  public String usage() {
    return "flowc lsp [--stdio]";
  }

  @Override
  public String description() {
    return "Runs the Flow language server: diagnostics as you type, hover, go to definition, find"
        + " references, completion and document and workspace symbols for .flow files. An editor"
        + " starts it and speaks the Language Server Protocol with it on stdin and stdout; every"
        + " .flow file under the editor's workspace folders is checked together, as one model.\n\n"
        + "The server writes nothing but the protocol on stdout; its log goes to the editor and to"
        + " stderr. It exits when the editor says exit: with 0 after a shutdown request, else 1.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder()
            .longOpt(STDIO)
            .desc("speak on stdin and stdout (the default and only transport; editors often pass it)")
            .get());
  }

  @Override
  public int run(CommandLine line, Terminal terminal) throws UsageException {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("`flowc lsp` takes no files: the editor sends them", "usage: " + usage());
    }
    PrintStream stdout = System.out;
    System.setOut(terminal.err()); // stray prints must not corrupt the protocol
    try {
      return FlowLsp.run(in.get(), terminal.out(), terminal.err(), Version.get());
    } finally {
      System.setOut(stdout);
    }
  }
}
