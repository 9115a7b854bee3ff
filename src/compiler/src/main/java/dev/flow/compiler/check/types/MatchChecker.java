package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.check.resolve.Names;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.diag.Suggestions;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The patterns of a {@code match} (LANGUAGE.md §4.7). On an enum, patterns are its constants
 * (an unknown one is E201) and the arms must cover every constant unless there is an
 * {@code else} (E205, listing the missing ones, at the {@code match} keyword). On {@code Text},
 * {@code Int} and {@code Decimal}, patterns are literals of that type (an {@code Int} literal widens
 * to {@code Decimal}), on the numbers also comparisons ({@code < 1000}), and {@code else} is
 * required (E205). A
 * pattern that does not fit the subject is E200; a pattern given twice is E101 (it would never
 * be chosen). Matching on any other type is E200.
 */
final class MatchChecker {
  private final Members members;
  private final Diagnostics sink;

  MatchChecker(Members members, Diagnostics sink) {
    this.members = members;
    this.sink = sink;
  }

  /** Whether the match being checked is a role decision ({@code by match …}): its arms name roles, not blocks. */
  private boolean roleDecision;

  /** Checks a role decision ({@code by match …}, given as a match with empty arms) as a match. */
  boolean checkRoleDecision(Stmt.Match m, Type subject) {
    roleDecision = true;
    try {
      return check(m, subject);
    } finally {
      roleDecision = false;
    }
  }

  /** Checks the patterns against the subject's type; gives whether the arms cover every value. */
  boolean check(Stmt.Match m, Type subject) {
    if (subject.isError()) {
      return false;
    }
    Type t = subject;
    if (subject.isOptional() || subject == Type.NONE) {
      sink.add(Expect.optional(m.subject(), subject, Type.required(subject).display()));
      if (subject == Type.NONE) {
        return false;
      }
      t = Type.required(subject);
    }
    if (t instanceof Type.Declared d && d.decl() instanceof Decl.EnumDecl en) {
      return enumMatch(m, en);
    }
    if (t == Type.TEXT || t == Type.INT || t == Type.DECIMAL) {
      literalMatch(m, t);
      return m.otherwise().isPresent();
    }
    sink.add(Diagnostic.of(Code.E200, m.subject().span(), "cannot match on `" + t.display() + "`")
        .withHelp("`match` works on enums, `Text`, `Int` and `Decimal`; use `if` for anything else"));
    return false;
  }

  private boolean enumMatch(Stmt.Match m, Decl.EnumDecl en) {
    List<String> constants = members.constants(en);
    Set<String> covered = new LinkedHashSet<>();
    boolean unknown = false;
    for (Stmt.MatchArm arm : m.arms()) {
      for (Stmt.Pattern p : arm.patterns()) {
        if (p instanceof Stmt.RangePattern) {
          sink.add(Diagnostic.of(Code.E200, p.span(), "a comparison pattern needs a number to compare: `"
                  + en.name().text() + "` is an enum")
              .withHelp("name a constant of `" + en.name().text() + "`: " + Names.list(constants)));
          unknown = true;
          continue;
        }
        if (p instanceof Stmt.LiteralPattern lit) {
          sink.add(Diagnostic.of(Code.E200, p.span(), Types.mismatch(new Type.Declared(en), literalType(lit)))
              .withHelp("name a constant of `" + en.name().text() + "`: " + Names.list(constants)));
          unknown = true;
          continue;
        }
        String c = ((Stmt.ConstantPattern) p).constant().text();
        if (!constants.contains(c)) {
          Diagnostic d = Diagnostic.of(Code.E201, p.span(), "unknown constant `" + c + "` of enum `" + en.name().text() + "`");
          List<String> candidates = new ArrayList<>(constants);
          if (arm.patterns().size() == 1) {
            candidates.add("else");
          }
          Stmt.ConstantPattern cp = (Stmt.ConstantPattern) p;
          Diagnostic near = d.withDidYouMean(cp.constant().span(), c, candidates);
          sink.add(near != d ? near : d.withHelp("its constants are " + Names.list(constants)));
          unknown = true;
        } else if (!covered.add(c)) {
          sink.add(Diagnostic.of(Code.E101, p.span(), "duplicate pattern `" + c + "`")
              .withLabel("an earlier arm already matches it"));
        }
      }
    }
    if (m.otherwise().isPresent()) {
      return true;
    }
    List<String> missing = new ArrayList<>(constants);
    missing.removeAll(covered);
    if (!missing.isEmpty() && !unknown && roleDecision) {
      sink.add(Diagnostic.of(Code.E205, keyword(m), "role decision does not cover every value: " + Names.list(missing)
              + (missing.size() == 1 ? " is" : " are") + " not covered")
          .withHelp("add " + (missing.size() == 1 ? "an arm for it" : "arms for them") + ", or an `else -> ROLE` arm"));
    } else if (!missing.isEmpty() && !unknown) {
      sink.add(Diagnostic.of(Code.E205, keyword(m), "non-exhaustive match: " + Names.list(missing)
              + (missing.size() == 1 ? " is" : " are") + " not covered")
          .withHelp("add " + (missing.size() == 1 ? "an arm for it" : "arms for them") + ", or an `else -> { … }` arm")
          .withFix(MatchFixes.arms(m, missing))
          .withFix(MatchFixes.otherwise(m)));
    }
    return missing.isEmpty();
  }

  private void literalMatch(Stmt.Match m, Type t) {
    Set<String> seen = new LinkedHashSet<>();
    boolean misspeltElse = false;
    for (Stmt.MatchArm arm : m.arms()) {
      for (Stmt.Pattern p : arm.patterns()) {
        if (p instanceof Stmt.ConstantPattern c) {
          String name = c.constant().text();
          boolean elseLike = arm.patterns().size() == 1 && Suggestions.best(name, List.of("else")).isPresent();
          misspeltElse |= elseLike;
          sink.add(Diagnostic.of(Code.E200, p.span(),
                  "type mismatch: expected " + Names.withArticle("`" + t.display() + "`") + " literal, found the name `"
                      + name + "`")
              .withHelp(elseLike ? "did you mean `else`?"
                  : t == Type.TEXT ? "write the text in quotes: `\"" + name + "\"`"
                  : "patterns on `" + t.display() + "` are numbers, or comparisons such as `< 1000`"));
          continue;
        }
        if (p instanceof Stmt.RangePattern range) {
          Type bt = LiteralTypes.of(range.bound());
          if (t == Type.TEXT) {
            sink.add(Diagnostic.of(Code.E200, p.span(), "a comparison pattern needs a number to compare, and the subject is"
                    + " `Text`")
                .withHelp("`< 1000` and the like work on `Int` and `Decimal`; match `Text` with literals such as `\"DE\"`"));
          } else if (t == Type.INT && bt == Type.DECIMAL) {
            sink.add(Diagnostic.of(Code.E200, range.bound().span(), Types.mismatch(t, Type.DECIMAL))
                .withHelp("compare an `Int` with a whole number"));
          } else if (!seen.add(ExprPrinter.print(p))) {
            sink.add(Diagnostic.of(Code.E101, p.span(), "duplicate pattern `" + ExprPrinter.print(p) + "`")
                .withLabel("an earlier arm already matches it"));
          }
          continue;
        }
        Expr lit = ((Stmt.LiteralPattern) p).literal();
        Type lt = literalType((Stmt.LiteralPattern) p);
        boolean widens = t == Type.DECIMAL && lt == Type.INT;
        if (lt != t && !widens) {
          sink.add(Diagnostic.of(Code.E200, p.span(), Types.mismatch(t, lt)));
          continue;
        }
        String key = lit instanceof Expr.StringLit s ? "\"" + s.plainText() + "\"" : lit.span().text();
        if (lit instanceof Expr.IntLit i) {
          key = Long.toString(i.value());
        } else if (lit instanceof Expr.DecimalLit d) {
          key = d.value().stripTrailingZeros().toPlainString();
        }
        if (!seen.add(key)) {
          sink.add(Diagnostic.of(Code.E101, p.span(), "duplicate pattern `" + key + "`")
              .withLabel("an earlier arm already matches it"));
        }
      }
    }
    if (m.otherwise().isEmpty() && !misspeltElse && roleDecision) {
      sink.add(Diagnostic.of(Code.E205, keyword(m),
              "role decision does not cover every value: a decision on `" + t.display() + "` needs an `else` arm")
          .withHelp("add `else -> ROLE` for the values no pattern names"));
    } else if (m.otherwise().isEmpty() && !misspeltElse) {
      sink.add(Diagnostic.of(Code.E205, keyword(m),
              "non-exhaustive match: a match on `" + t.display() + "` needs an `else` arm")
          .withHelp("add `else -> { … }` for the values no pattern names")
          .withFix(MatchFixes.otherwise(m)));
    }
  }

  /** The {@code match} keyword, where E205 points. */
  private static SourceSpan keyword(Stmt.Match m) {
    SourceSpan s = m.span();
    return s.isNone() ? s : s.file().span(s.start(), Math.min(s.end(), s.start() + "match".length()));
  }

  private static Type literalType(Stmt.LiteralPattern p) {
    Type t = LiteralTypes.of(p.literal());
    return t == null ? Type.ERROR : t;
  }
}
