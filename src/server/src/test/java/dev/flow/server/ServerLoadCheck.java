package dev.flow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.codegen.GeneratedCode;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.WorkflowInstance;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load check (not part of {@code mvn verify}; run by {@code .ci/server-load-check}): 50
 * concurrent API clients, each signed in with its own session, complete 10,000 tasks on an engine
 * with a file journal. No request may fail, every task is completed exactly once, and the latency
 * of the completions (p50, p95, p99) is reported. Then 200 tasks are each completed by two clients
 * at once: exactly one of the two wins.
 */
class ServerLoadCheck {
  static final int CLIENTS = Integer.getInteger("flow.load.clients", 50);
  static final int TASKS = Integer.getInteger("flow.load.tasks", 10_000);
  static final int RACES = 200;
  static final String MODEL = """
      package load

      role Worker

      workflow Chore {
        owner Worker
        starts manually
        input n: Int

        step doIt by Worker {
          done: Bool
          note: Text?
        }
      }
      """;

  @TempDir
  Path journal;

  @Test
  void fiftyClientsCompleteTenThousandTasks() throws Exception {
    SortedMap<String, String> sources = GeneratedCode.generate(MODEL);
    ClassLoader loader = GeneratedCode.compile(sources);
    FlowModule module = (FlowModule) Class.forName("load.LoadModule", true, loader).getField("INSTANCE").get(null);
    StringBuilder json = new StringBuilder("{\"users\": [");
    String hash = Users.hash("load-pw");
    for (int i = 0; i < CLIENTS; i++) {
      json.append(i == 0 ? "" : ",").append("{\"name\": \"w").append(i).append("\", \"password\": \"").append(hash)
          .append("\", \"roles\": [\"Worker\"]}");
    }
    Users users = Users.parse(json.append("]}").toString(), "load users", List.of("load.Worker"));
    try (Engine engine = Engine.builder().journal(journal).module(module).build();
        FlowServer server = FlowServer.builder(engine).modules(List.of(module)).users(users).port(0).start()) {
      String base = "http://127.0.0.1:" + server.port();
      List<Http> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(new Http(base).apiLogin("w" + i, "load-pw"));
      }
      long startedAt = System.nanoTime();
      AtomicInteger next = new AtomicInteger();
      List<String> errors = Collections.synchronizedList(new ArrayList<>());
      run(clients, client -> {
        for (int n = next.getAndIncrement(); n < TASKS + 2 * RACES; n = next.getAndIncrement()) {
          HttpResponse<String> response = client.post("/api/workflows/Chore/start", "{\"n\": " + n + "}");
          if (response.statusCode() != 201) {
            errors.add("start " + n + ": " + response.statusCode() + " " + response.body());
          }
        }
      });
      double startSeconds = (System.nanoTime() - startedAt) / 1e9;
      assertEquals(List.of(), errors);
      List<Task> open = engine.inbox().open();
      assertEquals(TASKS + 2 * RACES, open.size());

      Queue<String> queue = new ConcurrentLinkedQueue<>();
      open.subList(0, TASKS).forEach(t -> queue.add(t.id()));
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      long completingAt = System.nanoTime();
      run(clients, client -> {
        for (String id = queue.poll(); id != null; id = queue.poll()) {
          long before = System.nanoTime();
          HttpResponse<String> response = client.post("/api/tasks/" + id + "/complete", "{\"done\": true, \"note\": \"ok\"}");
          latencies.add(System.nanoTime() - before);
          if (response.statusCode() != 200) {
            errors.add("complete " + id + ": " + response.statusCode() + " " + response.body());
          }
        }
      });
      double completeSeconds = (System.nanoTime() - completingAt) / 1e9;
      assertEquals(List.of(), errors, "no request failed");
      assertEquals(TASKS, latencies.size());

      int completions = 0;
      for (Task task : open.subList(0, TASKS)) {
        WorkflowInstance instance = engine.instance(task.instanceId());
        assertEquals(InstanceState.COMPLETED, instance.state(), instance.id());
        long done = instance.history().stream().filter(e -> e.type() == HistoryEvent.Type.TASK_COMPLETED).count();
        assertEquals(1, done, "completed exactly once: " + instance.id());
        completions += (int) done;
      }
      assertEquals(TASKS, completions, "no completion lost or doubled");

      AtomicInteger won = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      List<Task> raced = open.subList(TASKS, TASKS + RACES);
      int pairs = CLIENTS / 2;
      List<Thread> racers = new ArrayList<>();
      for (int p = 0; p < pairs; p++) {
        List<String> mine = new ArrayList<>();
        for (int t = p; t < RACES; t += pairs) {
          mine.add(raced.get(t).id());
        }
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        for (Http client : List.of(clients.get(2 * p), clients.get(2 * p + 1))) {
          Thread racer = new Thread(() -> {
            for (String id : mine) {
              try {
                together.await();
              } catch (Exception e) {
                errors.add("barrier: " + e);
                return;
              }
              HttpResponse<String> response = client.post("/api/tasks/" + id + "/complete", "{\"done\": false}");
              if (response.statusCode() == 200) {
                won.incrementAndGet();
              } else if (response.statusCode() == 409) {
                refused.incrementAndGet();
              } else {
                errors.add("race " + id + ": " + response.statusCode() + " " + response.body());
              }
            }
          });
          racers.add(racer);
          racer.start();
        }
      }
      for (Thread racer : racers) {
        racer.join();
      }
      assertEquals(List.of(), errors);
      assertEquals(RACES, won.get(), "one completion of each raced task wins");
      assertEquals(RACES, refused.get(), "the other is refused (409)");
      for (Task task : raced) {
        long done = engine.instance(task.instanceId()).history().stream()
            .filter(e -> e.type() == HistoryEvent.Type.TASK_COMPLETED).count();
        assertEquals(1, done);
      }

      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      String report = String.format(java.util.Locale.ROOT,
          "clients %d, tasks %d, journal on disk%nstarts: %d in %.1f s (%.0f/s)%ncompletions: %d in %.1f s (%.0f/s),"
              + " errors 0, lost 0, doubled 0%nlatency of a completion: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n"
              + "races: %d tasks completed by two clients at once: %d won, %d refused with 409%n",
          CLIENTS, TASKS, TASKS + 2 * RACES, startSeconds, (TASKS + 2 * RACES) / startSeconds, TASKS, completeSeconds,
          TASKS / completeSeconds, ms(sorted, 50), ms(sorted, 95), ms(sorted, 99), sorted.get(sorted.size() - 1) / 1e6,
          RACES, won.get(), refused.get());
      System.out.print(report);
      Path out = Path.of("target", "server-load-report.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
      assertTrue(ms(sorted, 95) > 0);
    }
  }

  private static double ms(List<Long> sorted, int percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1e6;
  }

  interface ClientBody {
    void run(Http client) throws Exception;
  }

  private static void run(List<Http> clients, ClientBody body) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(clients.size());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (Http client : clients) {
      Thread thread = new Thread(() -> {
        try {
          body.run(client);
        } catch (Throwable t) {
          failures.add(t);
        } finally {
          done.countDown();
        }
      });
      thread.start();
    }
    done.await();
    if (!failures.isEmpty()) {
      throw new AssertionError("a client failed: " + failures.get(0), failures.get(0));
    }
  }
}
