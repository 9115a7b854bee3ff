package dev.flow.bench;

import dev.flow.bench.flows.Calc;

/**
 * The connector of every benchmark: answers at once with a small value. The Flow engine, the
 * plain Java baseline and Camunda's delegates all call this one class.
 */
public final class Adder implements Calc {
  @Override
  public long next(long n) {
    return n + 1;
  }
}
