/**
 * JMH benchmarks of the compiler's stages on a generated corpus ({@link dev.flow.bench.compiler.Corpus}),
 * each beside ANTLR's parse alone in the same run; {@code docs/benchmarks.md}, section "Compiler".
 */
package dev.flow.bench.compiler;
