package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;

/** The kind of declaration a name in a declaration position must denote. */
public enum DeclKind {
  ROLE("role"),
  SYSTEM("system"),
  WORKFLOW("workflow"),
  EVENT("event"),
  /** A record, event or enum: a declared type. */
  TYPE("type"),
  /**
   * A record, an event or an error: a type whose values are built from fields ({@code Document(name: …)},
   * {@code fail CardDeclined(reason: …)}).
   */
  DATA("record, event or error"),
  /** An {@code error} declaration: what an action {@code fails} with and a typed {@code catch} handles. */
  ERROR("error");

  private final String word;

  DeclKind(String word) {
    this.word = word;
  }

  /** How messages name the kind: "unknown role `X`". */
  public String word() {
    return word;
  }

  public boolean accepts(Decl decl) {
    return switch (this) {
      case ROLE -> decl instanceof Decl.RoleDecl;
      case SYSTEM -> decl instanceof Decl.SystemDecl;
      case WORKFLOW -> decl instanceof Decl.WorkflowDecl;
      case EVENT -> decl instanceof Decl.EventDecl;
      case ERROR -> decl instanceof Decl.ErrorDecl;
      case DATA -> decl instanceof Decl.RecordDecl || decl instanceof Decl.EventDecl || decl instanceof Decl.ErrorDecl;
      case TYPE -> decl instanceof Decl.RecordDecl || decl instanceof Decl.EventDecl || decl instanceof Decl.EnumDecl;
    };
  }
}
