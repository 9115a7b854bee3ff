package dev.flow.lsp;

/** The model the language server tests work on: declarations in one file, workflows in another. */
final class Models {
  private Models() {}

  static final String MODEL = """
      package com.acme.q

      /// Owns the client relationship.
      role Clerk "Clerk"
      role Legal
      /// Where documents live.
      system Drive "Google Drive" {
        /// Makes a folder for a client and returns its link.
        action createFolder(client: Text): Text
        action share(folder: Text, email: Text)
        timeout 30s
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
      }
      """;

  static final String FLOWS = """
      package com.acme.q

      workflow Review {
        owner Clerk
        input doc: Doc
        output verdict: Text
        approval decide by Legal within 1d
        set verdict = decide.comment ?? "no comment"
      }

      /// Takes an order in.
      workflow Intake {
        owner Clerk
        starts on Ordered
        input order: Ordered
        /// One folder per client.
        step folder by Drive.createFolder(client: order.client)
        step check by Clerk within 2d escalate to Legal {
          missing: Int
        }
        let count: Int = 0
        for each d in order.docs {
          call r: Review(doc: d)
          notify Clerk "{d.name}: {r.verdict}"
          set count = count + 1
        }
        parallel {
          branch tell { notify order.email via Email "Thanks, {order.client}" }
          branch file { step archive by Drive.share(folder: folder, email: order.email) }
        }
        match order.plan {
          Basic -> { notify Clerk "basic, {count} documents" }
          Pro -> { go to check }
        }
      }
      """;
}
