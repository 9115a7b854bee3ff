package dev.flow.lsp;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Stmt;
import dev.flow.compiler.query.Entity;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.SymbolKind;

/** How each kind of thing shows in completion lists and outlines. */
final class Kinds {
  private Kinds() {}

  static CompletionItemKind completion(Entity e) {
    if (e instanceof Entity.Declaration d) {
      return completion(d.decl());
    }
    if (e instanceof Entity.Action) {
      return CompletionItemKind.Method;
    }
    if (e instanceof Entity.Constant) {
      return CompletionItemKind.EnumMember;
    }
    if (e instanceof Entity.RecordField || e instanceof Entity.FormField) {
      return CompletionItemKind.Field;
    }
    if (e instanceof Entity.Parameter || e instanceof Entity.Input || e instanceof Entity.Output
        || e instanceof Entity.Measure) {
      return CompletionItemKind.Property;
    }
    if (e instanceof Entity.Step) {
      return CompletionItemKind.Function;
    }
    if (e instanceof Entity.Branch) {
      return CompletionItemKind.Module;
    }
    return CompletionItemKind.Variable;
  }

  static CompletionItemKind completion(Decl d) {
    if (d instanceof Decl.RoleDecl) {
      return CompletionItemKind.Interface;
    }
    if (d instanceof Decl.SystemDecl) {
      return CompletionItemKind.Module;
    }
    if (d instanceof Decl.RecordDecl) {
      return CompletionItemKind.Struct;
    }
    if (d instanceof Decl.EventDecl) {
      return CompletionItemKind.Event;
    }
    if (d instanceof Decl.ErrorDecl) {
      return CompletionItemKind.Struct;
    }
    if (d instanceof Decl.EnumDecl) {
      return CompletionItemKind.Enum;
    }
    if (d instanceof Decl.ProcessDecl) {
      return CompletionItemKind.Folder;
    }
    return CompletionItemKind.Class;
  }

  static SymbolKind symbol(Decl d) {
    if (d instanceof Decl.RoleDecl) {
      return SymbolKind.Interface;
    }
    if (d instanceof Decl.SystemDecl) {
      return SymbolKind.Module;
    }
    if (d instanceof Decl.RecordDecl) {
      return SymbolKind.Struct;
    }
    if (d instanceof Decl.EventDecl) {
      return SymbolKind.Event;
    }
    if (d instanceof Decl.ErrorDecl) {
      return SymbolKind.Struct;
    }
    if (d instanceof Decl.EnumDecl) {
      return SymbolKind.Enum;
    }
    if (d instanceof Decl.ProcessDecl) {
      return SymbolKind.Package;
    }
    return SymbolKind.Class;
  }

  static SymbolKind symbol(Entity e) {
    if (e instanceof Entity.Declaration d) {
      return symbol(d.decl());
    }
    if (e instanceof Entity.Action) {
      return SymbolKind.Method;
    }
    if (e instanceof Entity.Constant) {
      return SymbolKind.EnumMember;
    }
    if (e instanceof Entity.RecordField || e instanceof Entity.FormField) {
      return SymbolKind.Field;
    }
    if (e instanceof Entity.Parameter || e instanceof Entity.Input || e instanceof Entity.Output
        || e instanceof Entity.Measure) {
      return SymbolKind.Property;
    }
    if (e instanceof Entity.Step s) {
      return step(s.step());
    }
    if (e instanceof Entity.Branch) {
      return SymbolKind.Namespace;
    }
    return SymbolKind.Variable;
  }

  static SymbolKind step(Stmt.Named step) {
    if (step instanceof Stmt.SystemStep) {
      return SymbolKind.Method;
    }
    if (step instanceof Stmt.Receive) {
      return SymbolKind.Event;
    }
    if (step instanceof Stmt.Call) {
      return SymbolKind.Object;
    }
    return SymbolKind.Function;
  }
}
