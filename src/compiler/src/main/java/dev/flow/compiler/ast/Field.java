package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;

/** A named, typed slot: a record or event field, an action parameter, a form field. */
public record Field(Name name, TypeRef type, Doc doc, SourceSpan span) implements Node {}
