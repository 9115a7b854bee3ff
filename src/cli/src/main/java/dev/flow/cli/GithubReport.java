package dev.flow.cli;

import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.source.SourceSpan;
import java.util.List;

/**
 * The diagnostics as GitHub Actions workflow commands, one line each, which GitHub shows as
 * annotations on the lines of a pull request:
 * {@code ::error file=a.flow,line=3,col=10,endLine=3,endColumn=11,title=E001::message}.
 * Values are escaped as the runner expects ({@code %}, CR and LF everywhere, and {@code :} and
 * {@code ,} in properties), so no text from a model can end a command or start another.
 */
final class GithubReport {
  private GithubReport() {}

  static String of(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append("::").append(d.isError() ? "error" : "warning").append(' ');
      SourceSpan s = d.span();
      if (!s.isNone()) {
        out.append("file=").append(property(s.fileName()))
            .append(",line=").append(s.line())
            .append(",col=").append(s.column())
            .append(",endLine=").append(s.endLine())
            .append(",endColumn=").append(s.endColumn())
            .append(',');
      }
      out.append("title=").append(property(d.code().name() + " " + d.code().title()))
          .append("::").append(data(SarifReport.text(d))).append('\n');
    }
    return out.toString();
  }

  static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
