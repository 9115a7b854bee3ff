package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;

/** A named argument: {@code client: intake.client}. */
public record Argument(Name name, Expr value, SourceSpan span) implements Node {}
