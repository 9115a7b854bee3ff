package com.acme.onboarding.app;

import com.acme.onboarding.OnboardingModule;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.RoleDefinition;
import dev.flow.server.FlowServer;
import dev.flow.server.Users;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The onboarding workflows served to people in their browsers, with this application's own
 * connectors: the Flow server embedded in an application. Cases are kept in a file journal, so
 * they survive a restart. Run it with {@code mvn -q compile exec:java@serve} and open
 * http://127.0.0.1:8080/ (the demo users and their passwords are in README.md).
 *
 * <p>Arguments: {@code [PORT [DATA_DIR [USERS_FILE]]]}, by default {@code 8080 .flow-data users.json}.
 */
public final class Serve implements AutoCloseable {
  private final Engine engine;
  private final FlowServer server;
  private final ExecutorService calls;

  /**
   * Starts the engine on the journal in {@code data} and the server on {@code port} (0: any free
   * port).
   */
  public Serve(int port, Path data, Path usersFile) {
    Clock clock = Clock.systemUTC();
    // Action calls run on threads of their own, so that one slow connector holds up only its case.
    this.calls = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "onboarding-action");
      thread.setDaemon(true);
      return thread;
    });
    Outbox outbox = new Outbox(n -> System.out.println("notify " + (n.recipient().isRole() ? n.recipient().role()
        : n.recipient().address()) + ": " + n.message()));
    this.engine = Onboarding.engine(clock, new InMemoryDrive(), new InMemoryCalendar(clock, Onboarding.ZONE), outbox)
        .journal(data.resolve("journal"))
        .executor(calls)
        .build();
    engine.recover();
    List<FlowModule> modules = List.of(OnboardingModule.INSTANCE);
    List<String> roles = OnboardingModule.INSTANCE.roles().stream().map(RoleDefinition::name).toList();
    try {
      this.server = FlowServer.builder(engine)
          .modules(modules)
          .users(Users.read(usersFile, roles))
          .diagramsFrom(Path.of("target", "generated-docs", "flow"))
          .port(port)
          .start();
    } catch (RuntimeException e) {
      engine.close();
      calls.shutdownNow();
      throw e;
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The engine behind the pages, for this application's own code and tests. */
  public Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    server.close();
    engine.close();
    calls.shutdownNow();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    Path data = Path.of(args.length > 1 ? args[1] : ".flow-data");
    Path users = Path.of(args.length > 2 ? args[2] : "users.json");
    CountDownLatch stop = new CountDownLatch(1);
    try (Serve serve = new Serve(port, data, users)) {
      System.out.println("Onboarding on http://127.0.0.1:" + serve.port() + "/ (cases kept in " + data
          + "); Ctrl+C stops");
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "onboarding-stop"));
      stop.await();
    } catch (FlowServer.StartException | Users.UsersException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
