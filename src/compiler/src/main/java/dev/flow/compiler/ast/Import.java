package dev.flow.compiler.ast;

import dev.flow.compiler.source.SourceSpan;

/**
 * {@code import com.acme.shared.Client} or {@code import com.acme.shared.*}.
 *
 * @param name the imported name; for a wildcard, the package
 * @param wildcard whether it ends with {@code .*}
 */
public record Import(QualifiedName name, boolean wildcard, SourceSpan span) implements Node {}
