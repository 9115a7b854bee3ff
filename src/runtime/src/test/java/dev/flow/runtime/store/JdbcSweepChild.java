package dev.flow.runtime.store;

import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The child process of {@link JdbcSweepCrashTest}: opens the JDBC store on an H2 file database
 * (which it serves to the test's connection, {@code AUTO_SERVER}) keeping no ended instance, so its
 * sweeper deletes every ended instance, a batch per transaction, until it is killed.
 */
public final class JdbcSweepChild {
  private JdbcSweepChild() {}

  public static void main(String[] args) throws Exception {
    JdbcConnectionPool pool = JdbcConnectionPool.create(args[0], "", "");
    JdbcStore store = JdbcStore.open(pool, JdbcOptions.defaults().withRetainEnded(0).withSweepBatch(Integer.parseInt(args[1])));
    System.out.println("sweeping");
    System.out.flush();
    System.out.println("deleted " + store.compact());
    System.out.flush();
    Thread.sleep(60_000);
  }
}
