package dev.flow.compiler.check.flow;

import dev.flow.compiler.ast.Clause;
import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Field;
import dev.flow.compiler.ast.Name;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.Check;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * W001: a name that breaks the naming convention (LANGUAGE.md §1), reported at the name with
 * the conventional spelling as help.
 *
 * <ul>
 *   <li>UpperCamelCase ({@code AccountManager}): roles, systems, records, enums, events,
 *       processes, workflows.
 *   <li>lowerCamelCase ({@code createFolder}): record and event fields, form fields, actions and
 *       their parameters, steps, branches, variables ({@code let}, {@code for each},
 *       {@code catch}), inputs, outputs, measures.
 *   <li>Enum constants: UpperCamelCase, as in the spec ({@code Basic, Pro}), or UPPER_SNAKE_CASE
 *       ({@code NORTH_AMERICA}), as Kotlin's conventions allow both.
 * </ul>
 *
 * <p>Digits may follow the first letter; runs of capitals ({@code sendHTTPRequest}) are
 * accepted; underscores only in UPPER_SNAKE_CASE constants.
 */
public final class NamingConventionCheck implements Check {
  private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  /** Beside errors of names and types: a name's spelling is written where it is reported. */
  @Override
  public Reach reach() {
    return Reach.OWN_CODE;
  }

  @Override
  public List<Diagnostic> check(SemanticModel model) {
    List<Diagnostic> out = new ArrayList<>();
    for (Decl d : model.declarations()) {
      upper(d.kind(), d.name(), out);
      if (d instanceof Decl.SystemDecl s) {
        for (Decl.ActionDecl a : s.actions()) {
          lower("action", a.name(), out);
          fields("parameter", a.parameters(), out);
        }
      } else if (d instanceof Decl.RecordDecl r) {
        fields("field", r.fields(), out);
      } else if (d instanceof Decl.EventDecl e) {
        fields("field", e.fields(), out);
      } else if (d instanceof Decl.ErrorDecl e) {
        fields("field", e.fields(), out);
      } else if (d instanceof Decl.EnumDecl e) {
        for (Decl.EnumConstant c : e.constants()) {
          String text = c.name().text();
          if (!camel(text, true) && !UPPER_SNAKE.matcher(text).matches()) {
            out.add(Diagnostic.of(Code.W001, c.name().span(),
                    "enum constant `" + text + "` should be UpperCamelCase (or UPPER_SNAKE_CASE)")
                .withHelp("rename it `" + toUpperCamel(text) + "`"));
          }
        }
      } else if (d instanceof Decl.ProcessDecl p) {
        p.clauses(Clause.Measure.class).forEach(m -> lower("measure", m.name(), out));
      } else if (d instanceof Decl.WorkflowDecl w) {
        w.inputs().forEach(i -> lower("input", i.name(), out));
        w.outputs().forEach(o -> lower("output", o.name(), out));
        Syntax.forEachStatement(w.body(), s -> statement(s, out));
      }
    }
    return out;
  }

  private static void statement(Stmt s, List<Diagnostic> out) {
    if (s instanceof Stmt.Named n) {
      lower("step", n.name(), out);
      if (s instanceof Stmt.HumanStep h) {
        fields("field", h.form(), out);
      }
    } else if (s instanceof Stmt.Let l) {
      lower("variable", l.name(), out);
    } else if (s instanceof Stmt.ForEach f) {
      lower("variable", f.variable(), out);
    } else if (s instanceof Stmt.Try t) {
      t.catches().forEach(c -> c.variable().ifPresent(n -> lower("variable", n, out)));
    } else if (s instanceof Stmt.Parallel p) {
      p.arms().forEach(b -> lower("branch", b.name(), out));
    } else if (s instanceof Stmt.First f) {
      f.branches().forEach(b -> lower("branch", b.name(), out));
    }
  }

  private static void fields(String what, List<Field> fields, List<Diagnostic> out) {
    fields.forEach(f -> lower(what, f.name(), out));
  }

  /**
   * Whether {@code text} is UpperCamelCase ({@code [A-Z][A-Za-z0-9]*}) or, when not {@code upper},
   * lowerCamelCase ({@code [a-z][A-Za-z0-9]*}): ASCII letters and digits only, as every name is
   * read once per check.
   */
  static boolean camel(String text, boolean upper) {
    if (text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    if (upper ? first < 'A' || first > 'Z' : first < 'a' || first > 'z') {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static void upper(String what, Name name, List<Diagnostic> out) {
    if (!camel(name.text(), true)) {
      out.add(Diagnostic.of(Code.W001, name.span(), what + " name `" + name.text() + "` should be UpperCamelCase")
          .withHelp("rename it `" + toUpperCamel(name.text()) + "`"));
    }
  }

  private static void lower(String what, Name name, List<Diagnostic> out) {
    if (!camel(name.text(), false)) {
      out.add(Diagnostic.of(Code.W001, name.span(), what + " name `" + name.text() + "` should be lowerCamelCase")
          .withHelp("rename it `" + toLowerCamel(name.text()) + "`"));
    }
  }

  /** The words of a name: split at underscores; all-capital words become capitalized. */
  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    for (String w : name.split("_+")) {
      if (w.isEmpty()) {
        continue;
      }
      boolean allCaps = w.equals(w.toUpperCase(Locale.ROOT)) && w.length() > 1;
      words.add(allCaps ? w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT) : w);
    }
    return words;
  }

  static String toUpperCamel(String name) {
    StringBuilder s = new StringBuilder();
    for (String w : words(name)) {
      s.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return s.isEmpty() ? name : s.toString();
  }

  static String toLowerCamel(String name) {
    String upper = toUpperCamel(name);
    // Lower the leading capitals, keeping the last one when a lower-case word follows: HTTPClient → httpClient.
    int run = 0;
    while (run < upper.length() && Character.isUpperCase(upper.charAt(run))) {
      run++;
    }
    if (run > 1 && run < upper.length() && Character.isLowerCase(upper.charAt(run))) {
      run--;
    }
    run = Math.max(run, 1);
    return upper.substring(0, run).toLowerCase(Locale.ROOT) + upper.substring(run);
  }
}
