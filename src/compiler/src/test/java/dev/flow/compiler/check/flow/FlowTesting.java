package dev.flow.compiler.check.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.Compiler;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** Runs the whole front end on Flow text and picks out the diagnostics a test is about. */
final class FlowTesting {
  private FlowTesting() {}

  /** Every diagnostic of one file {@code a.flow}. */
  static List<Diagnostic> check(String source) {
    return checkFiles(source);
  }

  /** Every diagnostic of several files {@code a.flow}, {@code b.flow}, … compiled together. */
  static List<Diagnostic> checkFiles(String... sources) {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < sources.length; i++) {
      files.add(new SourceFile((char) ('a' + i) + ".flow", sources[i]));
    }
    return Compiler.check(files).diagnostics();
  }

  /** The position {@code line:col} of the {@code nth} (from 1) occurrence of {@code snippet}. */
  static String at(String source, String snippet, int nth) {
    int offset = -1;
    for (int i = 0; i < nth; i++) {
      offset = source.indexOf(snippet, offset + 1);
      if (offset < 0) {
        throw new IllegalArgumentException("`" + snippet + "` occurs fewer than " + nth + " times");
      }
    }
    SourceFile file = new SourceFile("x", source);
    return file.lineOf(offset) + ":" + file.columnOf(offset);
  }

  /** The position of {@code snippet} inside the first occurrence of {@code context}. */
  static String atIn(String source, String context, String snippet) {
    return atIn(source, context, snippet, 0);
  }

  /**
   * The position {@code skip} characters after {@code snippet} inside the first occurrence of
   * {@code context}.
   */
  static String atIn(String source, String context, String snippet, int skip) {
    int offset = source.indexOf(context);
    if (offset < 0 || !context.contains(snippet)) {
      throw new IllegalArgumentException("`" + context + "` does not occur or does not hold `" + snippet + "`");
    }
    offset += context.indexOf(snippet) + skip;
    SourceFile file = new SourceFile("x", source);
    return file.lineOf(offset) + ":" + file.columnOf(offset);
  }

  /** The position of the first occurrence of {@code snippet}. */
  static String at(String source, String snippet) {
    return at(source, snippet, 1);
  }

  /**
   * The diagnostics of {@code code} as {@code "line:col message"}, after asserting that the
   * source has no error of another code (so that the flow checks ran on a valid model).
   */
  static List<String> reported(Code code, String source) {
    return reported(code, check(source));
  }

  static List<String> reported(Code code, List<Diagnostic> all) {
    List<String> otherErrors = all.stream()
        .filter(d -> d.isError() && d.code() != code)
        .map(Diagnostic::toString)
        .toList();
    assertEquals(List.of(), otherErrors, "errors other than " + code);
    return all.stream()
        .filter(d -> d.code() == code)
        .map(d -> d.span().line() + ":" + d.span().column() + " " + d.message())
        .toList();
  }

  /** Just the positions of the diagnostics of {@code code}. */
  static List<String> positions(Code code, String source) {
    return reported(code, source).stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
  }

  /** A package with the usual roles and a system, and a process listing the given workflows. */
  static String model(String workflows) {
    return """
        package com.acme.test

        role Clerk
        role Legal

        system Drive {
          action createFolder(client: Text): Text
          action share(folder: Text, email: Text)
        }

        event OrderPlaced { id: Text, urgent: Bool }

        process Orders {
          category operational
          goal "Every order is handled"
          owner Clerk
          stakeholders Legal
          workflows %s
        }
        """.formatted(workflows);
  }

  /**
   * One file: {@link #model} with a process that lists {@code W}, and workflow {@code W} owned by
   * {@code Clerk} with the given header clauses and body.
   */
  static String workflow(String header, String body) {
    return model("W") + "\nworkflow W {\n  owner Clerk\n" + header.indent(2) + body.indent(2) + "}\n";
  }
}
