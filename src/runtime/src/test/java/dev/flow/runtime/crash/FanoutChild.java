package dev.flow.runtime.crash;

import dev.flow.runtime.Engine;
import dev.flow.runtime.Incident;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.crash.FanoutFlows.BatchIn;
import dev.flow.runtime.store.InstanceQuery;
import dev.flow.runtime.store.JdbcStore;
import dev.flow.runtime.store.JournalOptions;
import dev.flow.runtime.store.JournalStore;
import dev.flow.runtime.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The child JVM of {@link FanoutCrashTest}: opens the engine on a file journal with small segments (so segments roll
 * often) and connector calls on a pool of three threads, says {@code running}, recovers, and lets a driver thread
 * work through the batches {@code b01..bN}: it starts the next batches (many at a time, so many instances wait at
 * once), completes the open {@code check} and {@code approve} tasks and the {@code sign} tasks once escalated, and
 * retries every open incident, a round every few hundred milliseconds; meanwhile a second thread compacts the journal
 * every {@code compactMillis} (so kills land in compactions too). Once every batch has ended and no instance is open
 * it says {@code done} and exits.
 *
 * <p>On a {@code jdbc:} URL instead of a directory it runs on the JDBC store (H2 in a file), without compactions.
 *
 * <p>Arguments: journal directory (or JDBC URL), call log file, number of batches, batches in flight, round in ms, the highest
 * batch number this life may start, compaction period in ms.
 */
public final class FanoutChild {
  private FanoutChild() {}

  static final Principal WORKER = Principal.of("worker", FanoutFlows.CLERK, FanoutFlows.APPROVER,
      FanoutFlows.SUPERVISOR);

  public static void main(String[] args) throws Exception {
    String location = args[0];
    Path log = Path.of(args[1]);
    int batches = Integer.parseInt(args[2]);
    int inFlight = Integer.parseInt(args[3]);
    long round = Long.parseLong(args[4]);
    int permitted = Math.min(batches, Integer.parseInt(args[5]));
    long compactMillis = Long.parseLong(args[6]);
    FanoutFlows.waitFirst = args.length > 7 && args[7].equals("wait-first");
    AtomicReference<Throwable> failed = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
      Thread thread = new Thread(r, "crash2-connector");
      thread.setDaemon(true);
      return thread;
    });
    say("running");
    try (LoggingFactory factory = new LoggingFactory(log); Store store = open(location)) {
      Engine.Builder builder = Engine.builder().store(store).withoutSchedules().executor(pool)
          .connector(FanoutFlows.Factory.class, factory);
      for (WorkflowDefinition<?, ?> definition : FanoutFlows.ALL) {
        builder.workflow(definition);
      }
      try (Engine engine = builder.build()) {
        factory.engine(engine);
        List<String> resumed = engine.recover();
        say("recovered " + resumed.size());
        Thread compactor = new Thread(() -> {
          try {
            while (store instanceof JournalStore journal) {
              Thread.sleep(compactMillis);
              journal.compact();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (Throwable t) {
            failed.compareAndSet(null, t);
          }
        }, "crash2-compactor");
        compactor.setDaemon(true);
        compactor.start();
        Thread driver = new Thread(() -> {
          try {
            drive(engine, batches, inFlight, round, permitted);
          } catch (Throwable t) {
            failed.compareAndSet(null, t);
          }
        }, "crash2-driver");
        driver.start();
        driver.join();
        compactor.interrupt();
        compactor.join();
      }
    }
    if (failed.get() != null) {
      failed.get().printStackTrace();
      System.exit(2);
    }
    say("done");
    System.exit(0);
  }

  /** A file journal with 16 KiB segments in a directory, or the JDBC store on a {@code jdbc:} URL (H2 in a file). */
  static Store open(String location) {
    if (location.startsWith("jdbc:")) {
      return JdbcStore.openOwning(JdbcConnectionPool.create(location, "", ""));
    }
    return JournalStore.open(Path.of(location), JournalOptions.defaults().withSegmentSize(16 * 1024));
  }

  private static void drive(Engine engine, int batches, int inFlight, long round, int permitted)
      throws InterruptedException {
    Map<String, String> ids = new LinkedHashMap<>();
    for (WorkflowInstance instance : engine.instances(new InstanceQuery(FanoutFlows.BATCH, null, 0, Integer.MAX_VALUE))) {
      String batch = ((BatchIn) instance.input()).batch();
      String twice = ids.put(batch, instance.id());
      if (twice != null) {
        throw new IllegalStateException("batch " + batch + " has two instances: " + twice + " and " + instance.id());
      }
    }
    Set<String> ended = new HashSet<>();
    int next = 1;
    while (true) {
      Thread.sleep(round);
      List<String> running = new ArrayList<>();
      for (Map.Entry<String, String> started : ids.entrySet()) {
        if (!ended.contains(started.getKey())) {
          if (engine.instance(started.getValue()).state().isTerminal()) {
            ended.add(started.getKey());
          } else {
            running.add(started.getKey());
          }
        }
      }
      while (running.size() < inFlight && next <= permitted) {
        String batch = FanoutFlows.batch(next++);
        if (!ids.containsKey(batch)) {
          ids.put(batch, engine.start(FanoutFlows.BATCH_FLOW, new BatchIn(batch)));
          running.add(batch);
        }
      }
      // A batch's approve task wins its first only once the grandchild its losing branch calls exists.
      Set<String> lingering = new HashSet<>();
      for (WorkflowInstance instance : engine.instances(new InstanceQuery(FanoutFlows.LONGER, null, 0, Integer.MAX_VALUE))) {
        lingering.add(((FanoutFlows.PartIn) instance.input()).batch());
      }
      Map<String, String> batchOf = new HashMap<>();
      ids.forEach((batch, id) -> batchOf.put(id, batch));
      for (Task task : engine.inbox().open()) {
        boolean approve = task.role().equals(FanoutFlows.APPROVER) && lingering.contains(batchOf.get(task.instanceId()));
        boolean mine = task.role().equals(FanoutFlows.CLERK) || approve
            || task.step().equals(FanoutFlows.SIGN.name()) && task.escalated();
        if (mine) {
          try {
            engine.inbox().complete(task.id(), WORKER);
          } catch (RuntimeException e) {
            System.err.println("driver: completing " + task.id() + ": " + e);
          }
        }
      }
      for (Incident incident : engine.incidents()) {
        try {
          engine.retryIncident(incident.id(), "operator");
        } catch (RuntimeException e) {
          System.err.println("driver: retrying " + incident.id() + ": " + e);
        }
      }
      if (next > batches && running.isEmpty()
          && engine.instances(new InstanceQuery(null, InstanceState.RUNNING, 0, 1)).isEmpty()) {
        return;
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
