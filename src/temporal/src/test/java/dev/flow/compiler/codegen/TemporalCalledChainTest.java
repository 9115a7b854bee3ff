package dev.flow.compiler.codegen;

/**
 * {@link CalledChainTest} (continue-as-new of a workflow started by {@code call}) on Temporal's
 * in-process test server: the next instance of a called chain is a child workflow of the one
 * before, which waits for the chain's end and ends its Temporal workflow with it, so the caller's
 * child workflow ends as the chain's last instance ended; a cancel is passed on down the chain.
 * No assertion restated.
 */
class TemporalCalledChainTest extends CalledChainTest {
  @Override
  Running.Backend backend() {
    return new TemporalBackend();
  }
}
