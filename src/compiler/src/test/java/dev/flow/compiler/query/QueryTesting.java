package dev.flow.compiler.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.Compilation;
import dev.flow.compiler.Compiler;
import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.source.SourceFile;
import java.util.List;

/** A small model in two files that uses every kind of name, and helpers to find places in it. */
final class QueryTesting {
  private QueryTesting() {}

  static final String MODEL = """
      package com.acme.q

      /// Owns the client.
      role Clerk
      role Legal
      /// Where documents live.
      system Drive {
        /// Makes a folder.
        action createFolder(client: Text): Text
        action share(folder: Text, email: Text)
      }
      system Email
      enum Plan { Basic, Pro }
      record Doc { name: Text, url: Text? }
      /// A client ordered.
      event Ordered { client: Text, plan: Plan, docs: List<Doc>, email: Text }

      process Sales {
        category operational
        goal "Orders are handled"
        owner Clerk
        workflows Intake, Review
        measure speed from Intake.start to Intake.check target 5d
      }
      """;

  static final String WORKFLOWS = """
      package com.acme.q

      workflow Review {
        owner Clerk
        input doc: Doc
        output verdict: Text
        approval decide by Legal within 1d
        set verdict = decide.comment ?? "no comment"
      }

      workflow Intake {
        owner Clerk
        starts on Ordered
        input order: Ordered
        step folder by Drive.createFolder(client: order.client)
        step check by Clerk within 2d escalate to Legal {
          /// How many are missing.
          missing: Int
        }
        let count: Int = 0
        for each d in order.docs {
          call r: Review(doc: d)
          notify Clerk "{d.name}: {r.verdict}"
          set count = count + 1
        }
        match order.plan {
          Basic -> { notify Clerk "basic, {count} documents" }
          Pro -> { go to check }
        }
        try {
          step share by Drive.share(folder: folder, email: order.email)
        } catch error {
          notify order.email via Email "failed at {error.step}: {check.missing}"
        }
      }
      """;

  /** The two files above, compiled; they have no errors. */
  static Compilation compile() {
    Compilation c = Compiler.check(List.of(new SourceFile("model.flow", MODEL), new SourceFile("flows.flow", WORKFLOWS)));
    assertTrue(!c.hasErrors(), () -> "the test model has errors: " + c.diagnostics());
    return c;
  }

  static SemanticModel model(Compilation c) {
    return c.model().orElseThrow();
  }

  static CompilationUnit unit(Compilation c, String name) {
    return c.units().stream().filter(u -> u.file().name().equals(name)).findFirst().orElseThrow();
  }

  /** The offset of {@code word} inside the first occurrence of {@code context} in {@code text}. */
  static int at(String text, String context, String word) {
    int c = text.indexOf(context);
    assertTrue(c >= 0, () -> "no `" + context + "` in the text");
    int w = context.indexOf(word);
    assertTrue(w >= 0, () -> "no `" + word + "` in `" + context + "`");
    return c + w;
  }
}
