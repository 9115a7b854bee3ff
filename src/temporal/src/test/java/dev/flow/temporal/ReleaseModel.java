package dev.flow.temporal;

import dev.flow.compiler.codegen.GeneratedCode;
import dev.flow.runtime.FlowModule;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;

/**
 * The frozen models ({@code temporal/release.flow}, {@code release2.flow} … {@code release4.flow}) whose Temporal
 * histories, recorded by a release ({@link HistoryRecording}), the next releases must replay
 * ({@link ReplayPreviousReleaseTest}), and the worker that runs them: their {@code Desk}
 * connectors answer {@code file(x)} with {@code "file x"} and record every call; release2's
 * {@code charge("declined")} raises the declared error {@code Declined}.
 */
final class ReleaseModel {
  static final String QUEUE = "release";
  /** The instances recorded, each with the name of its histories' files. */
  static final List<String> RECORDED = List.of("review-completed", "review-cancelled", "contract-signed",
      "caller-caught-refuse", "refuse-failed", "rounds-continued-first-run", "rounds-continued-last-run",
      "release2-ship-emitted", "release2-notice-started-by-emit", "release2-room-keyed", "release2-pay-caught-declined",
      "release2-charge-declined", "release3-before-batches-failed", "release3-before-batch-failed",
      "release3-batches-completed", "release3-batch-continued", "release3-batch-last", "release4-before-survey-completed",
      "release4-survey-completed");
  private static FlowModule module;
  private static FlowModule module2;
  private static FlowModule module3;
  private static FlowModule module4;

  private ReleaseModel() {}

  static synchronized FlowModule module() throws Exception {
    if (module == null) {
      module = compile("/temporal/release.flow");
    }
    return module;
  }

  /** The second frozen model: emit, a keyed trigger, a typed error across call. */
  static synchronized FlowModule module2() throws Exception {
    if (module2 == null) {
      module2 = compile("/temporal/release2.flow");
    }
    return module2;
  }

  /** The third frozen model: a workflow started by {@code call} continues as new. */
  static synchronized FlowModule module3() throws Exception {
    if (module3 == null) {
      module3 = compile("/temporal/release3.flow");
    }
    return module3;
  }

  /** The fourth frozen model: one receive step in a loop, reached again with another correlation value. */
  static synchronized FlowModule module4() throws Exception {
    if (module4 == null) {
      module4 = compile("/temporal/release4.flow");
    }
    return module4;
  }

  private static FlowModule compile(String resource) throws Exception {
    String text;
    try (InputStream in = ReleaseModel.class.getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SortedMap<String, String> sources = GeneratedCode.generate(text);
    ClassLoader loader = GeneratedCode.compile(sources);
    for (String path : sources.keySet()) {
      Class<?> type = loader.loadClass(path.substring(0, path.length() - ".java".length()).replace('/', '.'));
      if (FlowModule.class.isAssignableFrom(type)) {
        return (FlowModule) type.getField("INSTANCE").get(null);
      }
    }
    throw new IllegalStateException("no module in " + resource);
  }

  /** The worker of the four models, continuing as new after {@code continueAsNewAfter} Temporal events. */
  static FlowWorker worker(List<String> calls, int continueAsNewAfter) throws Exception {
    FlowModule model = module();
    FlowModule model2 = module2();
    FlowModule model3 = module3();
    FlowModule model4 = module4();
    FlowWorker.Builder builder = FlowWorker.builder(new Catalog().module(model).module(model2).module(model3)
        .module(model4));
    connect(builder, desk(model), calls);
    connect(builder, desk(model2), calls);
    connect(builder, desk(model3), calls);
    connect(builder, desk(model4), calls);
    return builder.continueAsNewAfter(continueAsNewAfter).build();
  }

  private static Class<?> desk(FlowModule model) {
    return model.systems().stream().filter(s -> s.name().endsWith(".Desk")).findFirst().orElseThrow().type();
  }

  private static <S> FlowWorker.Builder connect(FlowWorker.Builder builder, Class<S> type, List<String> calls) {
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? "desk" : null;
      }
      calls.add(method.getName() + "(" + args[0] + ")");
      if (method.getName().equals("charge") && "declined".equals(args[0])) {
        throw declined(type.getClassLoader(), "card expired");
      }
      return method.getReturnType() == String.class ? method.getName() + " " + args[0] : null;
    });
    return builder.connector(type, type.cast(proxy));
  }

  /** release2's declared error {@code Declined}, as its connector raises it. */
  private static Exception declined(ClassLoader loader, String reason) throws ReflectiveOperationException {
    Class<?> type = Class.forName("test.release2.DeclinedException", true, loader);
    for (java.lang.reflect.Constructor<?> constructor : type.getConstructors()) {
      if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == String.class) {
        return (Exception) constructor.newInstance(reason);
      }
    }
    throw new IllegalStateException("no constructor DeclinedException(String)");
  }
}
