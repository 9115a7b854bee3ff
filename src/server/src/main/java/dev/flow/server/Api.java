package dev.flow.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.runtime.Breach;
import dev.flow.runtime.FormException;
import dev.flow.runtime.FormField;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.ProcessDefinition;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.api.Delivery;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON API: everything the pages do, for other tools (documented in {@code /api/openapi.json}). */
final class Api {
  private static final ObjectMapper JSON = FlowServer.mapper();
  private final Services services;
  private final ObjectMapper mapper;

  Api(Services services, ObjectMapper mapper) {
    this.services = services;
    this.mapper = mapper;
  }

  void routes(Javalin app) {
    app.get("/api/openapi.json", this::openapi);
    app.get("/api/me", ctx -> ctx.json(me(user(ctx))));
    app.get("/api/tasks", ctx -> ctx.json(services.inbox(user(ctx)).stream().map(this::task).toList()));
    app.get("/api/tasks/<id>", ctx -> ctx.json(task(services.task(user(ctx), ctx.pathParam("id")))));
    app.post("/api/tasks/<id>/claim", ctx -> taskAction(ctx, "claim"));
    app.post("/api/tasks/<id>/release", ctx -> taskAction(ctx, "release"));
    app.post("/api/tasks/<id>/reassign", ctx -> taskAction(ctx, "reassign"));
    app.post("/api/tasks/<id>/complete", ctx -> taskAction(ctx, "complete"));
    app.post("/api/tasks/<id>/approve", ctx -> taskAction(ctx, "approve"));
    app.post("/api/tasks/<id>/reject", ctx -> taskAction(ctx, "reject"));
    app.get("/api/workflows", this::workflows);
    app.post("/api/workflows/{name}/start", this::start);
    app.post("/api/events", this::publish);
    app.get("/api/cases", ctx -> ctx.json(services.cases(user(ctx), Pages.filter(ctx), limit(ctx)).stream()
        .map(this::caseSummary).toList()));
    app.get("/api/cases/<id>", ctx -> ctx.json(caseDetail(user(ctx), services.instance(user(ctx), ctx.pathParam("id")))));
    app.post("/api/cases/<id>/cancel", this::cancel);
    app.get("/api/processes", ctx -> ctx.json(services.model().processes().stream()
        .filter(p -> services.maySee(user(ctx), p)).map(p -> process(p, false)).toList()));
    app.get("/api/processes/{name}", ctx -> ctx.json(process(services.process(user(ctx), ctx.pathParam("name")), true)));
    app.post("/api/clock", this::clock);
    app.get("/api/incidents", ctx -> ctx.json(services.incidents(user(ctx)).stream().map(Api::incident).toList()));
    app.post("/api/incidents/<id>/retry", ctx -> ctx.json(Map.of("retried",
        services.retryIncident(user(ctx), ctx.pathParam("id")).id())));
    app.post("/api/incidents/<id>/fail", this::failIncident);
    app.get("/api/operator", ctx -> ctx.json(services.operatorCalls(user(ctx))));
    app.post("/api/operator/<id>/answer", this::answerCall);
  }

  private static Users.User user(Context ctx) {
    return ctx.attribute(FlowServer.USER);
  }

  private static int limit(Context ctx) {
    String limit = ctx.queryParam("limit");
    try {
      return limit == null ? 100 : Math.max(1, Math.min(1000, Integer.parseInt(limit)));
    } catch (NumberFormatException e) {
      throw new Refused(400, "limit must be a whole number");
    }
  }

  /** The JSON object of the request body, or 400 in words. */
  static Map<?, ?> body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return Map.of();
    }
    Object parsed = parse(text);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new Refused(400, "the body must be a JSON object");
    }
    return map;
  }

  static Object parse(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new Refused(422, "the JSON is not valid: " + e.getOriginalMessage());
    }
  }

  static String pretty(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  static String compact(Object value) {
    if (value instanceof String text) {
      return text;
    }
    try {
      String json = JSON.writeValueAsString(value);
      return json.length() > 300 ? json.substring(0, 300) + "…" : json;
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private Map<String, Object> me(Users.User user) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user.name());
    out.put("roles", user.roles().stream().sorted().toList());
    out.put("admin", user.admin());
    out.put("publish", user.publish());
    return out;
  }

  // ---- tasks -------------------------------------------------------------------------------

  Map<String, Object> task(Task task) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", task.id());
    out.put("caseId", task.instanceId());
    out.put("workflow", task.workflow());
    out.put("step", task.step());
    out.put("kind", task.kind());
    out.put("role", task.role());
    out.put("escalationRole", task.escalationRole());
    out.put("escalated", task.escalated());
    out.put("overdue", services.overdue(task));
    out.put("doc", task.doc());
    List<Map<String, Object>> fields = new ArrayList<>();
    for (FormField field : task.fields()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", field.name());
      f.put("type", field.flowType());
      f.put("optional", field.optional());
      Class<?> base = field.elementType() != null ? field.elementType() : field.type();
      if (base.isEnum()) {
        List<String> values = new ArrayList<>();
        for (Object constant : base.getEnumConstants()) {
          values.add(Forms.flowName((Enum<?>) constant));
        }
        f.put("values", values);
      }
      fields.add(f);
    }
    out.put("fields", fields);
    out.put("created", task.created());
    out.put("due", task.due().orElse(null));
    out.put("assignee", task.assignee());
    out.put("status", task.status().name().toLowerCase(Locale.ROOT));
    out.put("completedBy", task.completedBy());
    return out;
  }

  private void taskAction(Context ctx, String action) {
    Users.User user = user(ctx);
    Task task = services.task(user, ctx.pathParam("id"));
    Map<?, ?> body = body(ctx);
    try {
      switch (action) {
        case "claim" -> services.runtime().inbox().claim(task.id(), user.principal());
        case "release" -> services.runtime().inbox().release(task.id(), user.principal());
        case "reassign" -> {
          Object to = body.get("to");
          Users.User other = to instanceof String name ? services.users().user(name).orElse(null) : null;
          if (other == null) {
            throw new Refused(422, "give the user to hand the task to: {\"to\": USER}");
          }
          services.runtime().inbox().reassign(task.id(), user.principal(), other.principal());
        }
        case "approve", "reject" -> {
          Object comment = body.get("comment");
          if (comment != null && !(comment instanceof String)) {
            throw new Refused(422, "the comment must be a text");
          }
          if (action.equals("approve")) {
            services.runtime().inbox().approve(task.id(), user.principal(), (String) comment);
          } else {
            services.runtime().inbox().reject(task.id(), user.principal(), (String) comment);
          }
        }
        default -> {
          Map<String, Object> values = new LinkedHashMap<>();
          body.forEach((k, v) -> values.put(String.valueOf(k), v));
          services.runtime().inbox().complete(task.id(), user.principal(), values);
        }
      }
    } catch (FormException e) {
      ctx.status(422).json(Map.of("error", e.getMessage(), "status", 422, "problems", e.problems()));
      return;
    } catch (TaskException e) {
      throw new Refused(409, e.getMessage());
    }
    ctx.json(task(services.runtime().inbox().task(task.id()).orElse(task)));
  }

  // ---- workflows and events ----------------------------------------------------------------

  private void workflows(Context ctx) {
    Users.User user = user(ctx);
    List<Map<String, Object>> out = new ArrayList<>();
    for (WorkflowDefinition<?, ?> workflow : services.model().workflows()) {
      if (!services.maySee(user, workflow.name())) {
        continue;
      }
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("name", workflow.name());
      w.put("version", workflow.version());
      w.put("owner", workflow.owner());
      w.put("doc", workflow.doc());
      w.put("startsManually", Model.startsManually(workflow));
      w.put("mayStart", Model.startsManually(workflow) && services.mayRun(user, workflow));
      List<Map<String, Object>> inputs = new ArrayList<>();
      for (Forms.Field field : Forms.fields(workflow.inputType(), "")) {
        inputs.add(Map.of("name", field.name(), "type", field.type() == List.class
            ? "List<" + Values.flowType(field.element()) + ">" : Values.flowType(field.type())));
      }
      w.put("inputs", inputs);
      out.add(w);
    }
    ctx.json(out);
  }

  private void start(Context ctx) {
    Users.User user = user(ctx);
    String name = ctx.pathParam("name");
    WorkflowDefinition<?, ?> workflow = services.model().workflow(name).orElseThrow(() -> Refused.notFound("workflow " + name));
    if (!services.maySee(user, workflow.name()) && !user.admin()) {
      throw Refused.forbidden("start " + workflow.simpleName());
    }
    if (!Model.startsManually(workflow)) {
      throw new Refused(409, workflow.simpleName() + " does not start by hand");
    }
    if (!services.mayRun(user, workflow)) {
      throw Refused.forbidden("start " + workflow.simpleName() + ": only its owner may");
    }
    Object input;
    try {
      input = Values.convert(body(ctx), workflow.inputType());
    } catch (IllegalArgumentException e) {
      throw new Refused(422, "the input " + e.getMessage());
    }
    String id = services.runtime().start(workflow.name(), input);
    ctx.status(201).json(Map.of("id", id, "state", services.runtime().state(id).name().toLowerCase(Locale.ROOT)));
  }

  private void publish(Context ctx) {
    Users.User user = user(ctx);
    if (!user.admin() && !user.publish()) {
      throw Refused.forbidden("publish events: only an admin or a user with \"publish\": true may");
    }
    Map<?, ?> body = body(ctx);
    Object type = body.get("type");
    Delivery delivery = publish(services, type instanceof String t ? t : null, body.get("event"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("started", delivery.started());
    out.put("woken", delivery.woken());
    ctx.json(out);
  }

  /** Publishes an event given by type name and JSON fields; 422 in words when it does not fit. */
  static Delivery publish(Services services, String type, Object fields) {
    if (type == null) {
      throw new Refused(422, "give the event's type: one of " + String.join(", ", services.model().events().keySet()));
    }
    Class<?> event = services.model().event(type).orElseThrow(() -> new Refused(422, "no workflow starts on or waits for"
        + " an event `" + type + "`; the events: " + String.join(", ", services.model().events().keySet())));
    Object value;
    try {
      value = Values.convert(fields == null ? Map.of() : fields, event);
    } catch (IllegalArgumentException e) {
      throw new Refused(422, "the event " + e.getMessage());
    }
    return services.runtime().publish(value);
  }

  // ---- cases -------------------------------------------------------------------------------

  private Map<String, Object> caseSummary(WorkflowInstance instance) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", instance.id());
    out.put("workflow", instance.workflow());
    out.put("version", instance.version());
    out.put("state", instance.state().name().toLowerCase(Locale.ROOT));
    out.put("started", instance.started());
    out.put("ended", instance.ended().orElse(null));
    out.put("parentId", instance.parentId());
    List<Map<String, Object>> waits = new ArrayList<>();
    for (WorkflowInstance.Wait wait : instance.waits()) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("kind", wait.kind());
      w.put("step", wait.step());
      w.put("detail", wait.detail());
      w.put("due", wait.due().orElse(null));
      waits.add(w);
    }
    out.put("waits", waits);
    return out;
  }

  private Map<String, Object> caseDetail(Users.User user, WorkflowInstance instance) {
    Map<String, Object> out = caseSummary(instance);
    out.put("input", instance.input());
    out.put("output", instance.output().orElse(null));
    out.put("error", instance.error().map(e -> e.message()).orElse(null));
    out.put("cancelReason", instance.cancelReason().orElse(null));
    out.put("openTasks", services.runtime().inbox().forInstance(instance.id()).stream()
        .filter(t -> services.maySee(user, t)).map(this::task).toList());
    List<Map<String, Object>> breaches = new ArrayList<>();
    for (Breach breach : services.runtime().breaches()) {
      if (breach.instanceId().equals(instance.id())) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("step", breach.step());
        b.put("limit", breach.limit());
        b.put("due", breach.due());
        b.put("escalatedTo", breach.escalatedTo());
        breaches.add(b);
      }
    }
    out.put("breaches", breaches);
    out.put("incidents", services.incidentsOf(instance.id()).stream().map(Api::incident).toList());
    List<Map<String, Object>> history = new ArrayList<>();
    for (HistoryEvent event : instance.history()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("sequence", event.sequence());
      h.put("at", event.at());
      h.put("stepId", event.stepId());
      h.put("step", event.step());
      h.put("type", event.type().name().toLowerCase(Locale.ROOT));
      h.put("detail", event.detail());
      h.put("value", event.value());
      history.add(h);
    }
    out.put("history", history);
    return out;
  }

  private void cancel(Context ctx) {
    Users.User user = user(ctx);
    WorkflowInstance instance = services.instance(user, ctx.pathParam("id"));
    Object reason = body(ctx).get("reason");
    cancel(services, user, instance, reason instanceof String r ? r : null);
    ctx.json(caseSummary(services.runtime().instance(instance.id())));
  }

  /** Cancels a case for a user who may: the reason recorded names them. */
  static void cancel(Services services, Users.User user, WorkflowInstance instance, String reason) {
    boolean may = services.model().workflow(instance.workflow()).map(w -> services.mayRun(user, w)).orElse(user.admin());
    if (!may) {
      throw Refused.forbidden("cancel case " + instance.id() + ": only the owner of " + Html.simple(instance.workflow())
          + " may");
    }
    if (instance.state().isTerminal()) {
      throw new Refused(409, "case " + instance.id() + " has already ended");
    }
    String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
    services.runtime().cancel(instance.id(), "cancelled by " + user.name() + ": " + why);
  }

  // ---- processes and the clock -------------------------------------------------------------

  private Map<String, Object> process(ProcessDefinition process, boolean measures) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", process.name());
    out.put("category", process.category());
    out.put("goal", process.goal());
    out.put("owner", process.owner());
    out.put("stakeholders", process.stakeholders());
    out.put("workflows", process.workflows());
    if (measures) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Measures.Result result : Measures.compute(process, services.runtime().eventLog(), services.model())) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", result.measure().name());
        m.put("title", result.measure().title());
        m.put("from", result.measure().from());
        m.put("to", result.measure().to());
        m.put("target", result.measure().target().orElse(null));
        m.put("cases", result.figures().count());
        m.put("open", result.figures().open());
        m.put("median", result.figures().median().orElse(null));
        m.put("p90", result.figures().p90().orElse(null));
        m.put("withinTarget", result.figures().withinTarget().orElse(null));
        list.add(m);
      }
      out.put("measures", list);
    }
    return out;
  }

  private void clock(Context ctx) {
    Users.User user = user(ctx);
    dev.flow.runtime.ManualClock clock = services.manualClock()
        .orElseThrow(() -> new Refused(404, "the clock can be moved only in test mode"));
    if (!user.admin()) {
      throw Refused.forbidden("move the clock: only an admin may");
    }
    Object advance = body(ctx).get("advance");
    Duration by;
    try {
      by = advance instanceof String text ? Values.parseDuration(text) : null;
    } catch (RuntimeException e) {
      by = null;
    }
    if (by == null || by.isNegative()) {
      throw new Refused(422, "give how far to move the clock: {\"advance\": \"1d12h\"}");
    }
    clock.advance(by);
    ctx.json(Map.of("now", clock.instant()));
  }

  private void answerCall(Context ctx) {
    OperatorDesk.Call call = services.operatorCall(user(ctx), ctx.pathParam("id"));
    Map<?, ?> body = body(ctx);
    try {
      if (body.get("failed") instanceof String message) {
        services.operator().orElseThrow().fail(call.id(), message);
      } else {
        services.operator().orElseThrow().answer(call.id(), body.get("result"));
      }
    } catch (OperatorDesk.AnswerException e) {
      throw new Refused(422, e.getMessage());
    }
    ctx.json(Map.of("answered", call.id()));
  }

  private void failIncident(Context ctx) {
    Object reason = body(ctx).get("reason");
    if (reason != null && !(reason instanceof String)) {
      throw new Refused(422, "the reason must be text: {\"reason\": \"…\"}");
    }
    ctx.json(Map.of("failed", services.failIncident(user(ctx), ctx.pathParam("id"), (String) reason).id()));
  }

  /** An open incident, as JSON. */
  static Map<String, Object> incident(dev.flow.runtime.Incident incident) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", incident.id());
    out.put("case", incident.instanceId());
    out.put("workflow", incident.workflow());
    out.put("step", incident.step());
    out.put("attempts", incident.attempts());
    out.put("message", incident.message());
    out.put("opened", incident.opened());
    return out;
  }

  private void openapi(Context ctx) throws IOException {
    try (InputStream in = Api.class.getResourceAsStream("/dev/flow/server/openapi.json")) {
      if (in == null) {
        throw Refused.notFound("OpenAPI document");
      }
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }

  ObjectMapper mapper() {
    return mapper;
  }
}
