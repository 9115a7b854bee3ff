/**
 * JMH benchmarks of the Flow runtime, each against baselines measured in the same run; what
 * each measures and how to run them is in {@code docs/benchmarks.md}.
 */
package dev.flow.bench;
