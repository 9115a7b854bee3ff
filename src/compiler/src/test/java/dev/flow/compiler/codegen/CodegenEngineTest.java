package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowInstance;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated Java of {@code examples/onboarding} on the real engine: an event starts
 * {@code DocumentCollection}, people complete its tasks in the inbox, and its completion hands
 * over to {@code Kickoff} ({@code starts after}). A smoke test of the contract between the
 * generator and the runtime; the engine's own semantics are tested in flow-runtime.
 */
class CodegenEngineTest {
  private final List<String> calls = new ArrayList<>();

  private Object connector(Class<?> system, ClassLoader loader) {
    return Proxy.newProxyInstance(loader, new Class<?>[] {system}, (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("hashCode") ? System.identityHashCode(proxy) : method.getName().equals("equals")
            ? proxy == args[0] : "connector";
      }
      calls.add(method.getName());
      return switch (method.getName()) {
        case "createFolder" -> "https://drive/acme";
        case "schedule" -> Instant.parse("2026-11-27T10:00:00Z");
        default -> null;
      };
    });
  }

  private <S> void connect(Engine.Builder builder, Class<S> system, ClassLoader loader) {
    builder.connector(system, system.cast(connector(system, loader)));
  }

  @Test
  void onboardingRunsOnTheEngine() throws Exception {
    ClassLoader loader = GeneratedCode.compile(
        GeneratedCode.generateFrom(FlowModels.flowFiles(FlowModels.EXAMPLES.resolve("onboarding"))));
    FlowModule module = (FlowModule) loader.loadClass("com.acme.onboarding.OnboardingModule").getField("INSTANCE").get(null);
    Engine.Builder builder = Engine.builder().clock(ManualClock.at("2026-11-24T09:00:00Z")).module(module);
    connect(builder, loader.loadClass("com.acme.onboarding.Drive"), loader);
    connect(builder, loader.loadClass("com.acme.onboarding.Calendar"), loader);
    Engine engine = builder.build();

    Map<String, Object> document = new HashMap<>(Map.of("name", "contract.pdf", "pages", 3));
    document.put("url", null);
    Object intake = Values.convert(Map.of("client", "Acme", "contactName", "Ann", "email", "ann@acme.example",
        "tier", "Essentials", "needsNda", true, "documents", List.of(document)),
        loader.loadClass("com.acme.onboarding.IntakeSubmitted"));
    String id = engine.publish(intake).started().get(0);
    assertEquals(InstanceState.WAITING, engine.instance(id).state());

    Principal legal = Principal.of("lee", String.valueOf(module.getClass().getField("LEGAL").get(null)));
    Principal manager = Principal.of("ann", String.valueOf(module.getClass().getField("ACCOUNT_MANAGER").get(null)));
    engine.inbox().approve(engine.inbox().task(id, "ndaReview").id(), legal, "fine");
    engine.inbox().complete(engine.inbox().task(id, "assignChecklist").id(), manager,
        Map.of("checklist", "https://drive/acme/checklist", "missingItems", 0));

    WorkflowInstance done = engine.instance(id);
    assertEquals(InstanceState.COMPLETED, done.state(), done::toString);
    assertEquals(List.of("createFolder", "share", "schedule"), calls);
    assertTrue(engine.notifications().stream().anyMatch(n -> n.message().equals(
        "Hi Ann, we still need 1 items from you. Please upload them to https://drive/acme.")),
        engine.notifications()::toString);
    assertTrue(engine.instances().stream().anyMatch(i -> i.workflow().equals("com.acme.onboarding.Kickoff")),
        "DocumentCollection hands over to Kickoff");
  }
}
