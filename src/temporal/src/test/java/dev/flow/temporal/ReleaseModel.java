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
 * The frozen model ({@code temporal/release.flow}) whose Temporal histories, recorded by a
 * release ({@link HistoryRecording}), the next releases must replay ({@link ReplayPreviousReleaseTest}),
 * and the worker that runs it: its {@code Desk} connector answers {@code file(x)} with
 * {@code "file x"} and records every call.
 */
final class ReleaseModel {
  static final String QUEUE = "release";
  /** The instances recorded, each with the name of its histories' files. */
  static final List<String> RECORDED = List.of("review-completed", "review-cancelled", "contract-signed",
      "caller-caught-refuse", "refuse-failed", "rounds-continued-first-run", "rounds-continued-last-run");
  private static FlowModule module;

  private ReleaseModel() {}

  static synchronized FlowModule module() throws Exception {
    if (module == null) {
      String text;
      try (InputStream in = ReleaseModel.class.getResourceAsStream("/temporal/release.flow")) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      SortedMap<String, String> sources = GeneratedCode.generate(text);
      ClassLoader loader = GeneratedCode.compile(sources);
      for (String path : sources.keySet()) {
        Class<?> type = loader.loadClass(path.substring(0, path.length() - ".java".length()).replace('/', '.'));
        if (FlowModule.class.isAssignableFrom(type)) {
          module = (FlowModule) type.getField("INSTANCE").get(null);
        }
      }
    }
    return module;
  }

  /** The worker of the model, continuing as new after {@code continueAsNewAfter} Temporal events. */
  static FlowWorker worker(List<String> calls, int continueAsNewAfter) throws Exception {
    FlowModule model = module();
    Class<?> desk = model.systems().stream().filter(s -> s.name().endsWith(".Desk")).findFirst().orElseThrow().type();
    return connect(FlowWorker.builder(new Catalog().module(model)), desk, calls).continueAsNewAfter(continueAsNewAfter)
        .build();
  }

  private static <S> FlowWorker.Builder connect(FlowWorker.Builder builder, Class<S> type, List<String> calls) {
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? "desk" : null;
      }
      calls.add(method.getName() + "(" + args[0] + ")");
      return method.getReturnType() == String.class ? method.getName() + " " + args[0] : null;
    });
    return builder.connector(type, type.cast(proxy));
  }
}
