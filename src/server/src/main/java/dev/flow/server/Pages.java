package dev.flow.server;

import dev.flow.runtime.Breach;
import dev.flow.runtime.CaseMeasures;
import dev.flow.runtime.FormException;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ProcessDefinition;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.WorkflowInstance;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML pages: inbox, task, start, events, cases, case, processes, process. */
final class Pages {
  private final Services services;

  Pages(Services services) {
    this.services = services;
  }

  void routes(Javalin app) {
    app.get("/", ctx -> ctx.redirect("/inbox"));
    app.get("/inbox", this::inbox);
    app.get("/tasks/<id>", this::task);
    app.post("/tasks/<id>/claim", ctx -> act(ctx, "claim"));
    app.post("/tasks/<id>/release", ctx -> act(ctx, "release"));
    app.post("/tasks/<id>/reassign", ctx -> act(ctx, "reassign"));
    app.post("/tasks/<id>/complete", this::complete);
    app.get("/start", this::startList);
    app.get("/start/{workflow}", this::startForm);
    app.post("/start/{workflow}", this::start);
    app.get("/events", this::eventsForm);
    app.post("/events", this::publish);
    app.get("/cases", this::cases);
    app.get("/cases/<id>", this::casePage);
    app.post("/cases/<id>/cancel", this::cancel);
    app.get("/operator", this::operator);
    app.post("/incidents/<id>/retry", this::retryIncident);
    app.post("/incidents/<id>/fail", this::failIncident);
    app.post("/operator/<id>/answer", this::answerCall);
    app.get("/processes", this::processes);
    app.get("/processes/{name}", this::process);
  }

  private static Users.User user(Context ctx) {
    return ctx.attribute(FlowServer.USER);
  }

  // ---- layout ------------------------------------------------------------------------------

  static String page(Users.User user, String csrf, String title, String body) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.esc(title)).append(" · Flow</title>")
        .append("<link rel=\"stylesheet\" href=\"/assets/flow.css\">")
        .append("<script src=\"/webjars/htmx.org/2.0.4/dist/htmx.min.js\" defer></script>")
        .append("</head><body>");
    if (user != null) {
      html.append("<header><nav><a class=\"brand\" href=\"/inbox\">Flow</a>")
          .append("<a href=\"/inbox\">Inbox</a><a href=\"/start\">Start</a><a href=\"/cases\">Cases</a>")
          .append("<a href=\"/processes\">Processes</a><a href=\"/operator\">Systems</a>");
      if (user.admin()) {
        html.append("<a href=\"/events\">Events</a>");
      }
      html.append("</nav><div class=\"who\"><span id=\"user\">").append(Html.esc(user.name())).append("</span>")
          .append("<form method=\"post\" action=\"/logout\">").append(csrfField(csrf))
          .append("<button type=\"submit\" class=\"link\">Sign out</button></form></div></header>");
    }
    html.append("<main>").append(body).append("</main></body></html>");
    return html.toString();
  }

  static String csrfField(String csrf) {
    return "<input type=\"hidden\" name=\"_csrf\" value=\"" + Html.esc(csrf) + "\">";
  }

  private static String page(Context ctx, String title, String body) {
    return page(user(ctx), FlowServer.csrfToken(ctx), title, body);
  }

  static String loginPage(String csrf, String next, String problem) {
    StringBuilder body = new StringBuilder("<section class=\"login\"><h1>Sign in to Flow</h1>");
    if (problem != null) {
      body.append("<div class=\"errors\" role=\"alert\">").append(Html.esc(problem)).append("</div>");
    }
    body.append("<form method=\"post\" action=\"/login\">").append(csrfField(csrf))
        .append("<input type=\"hidden\" name=\"next\" value=\"").append(Html.esc(next)).append("\">")
        .append("<div class=\"field\"><label for=\"name\">User name</label><input id=\"name\" name=\"name\"")
        .append(" autocomplete=\"username\" autofocus></div>")
        .append("<div class=\"field\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\"")
        .append(" type=\"password\" autocomplete=\"current-password\"></div>")
        .append("<button type=\"submit\">Sign in</button></form></section>");
    return page(null, csrf, "Sign in", body.toString());
  }

  static String errorPage(Users.User user, String csrf, int status, String message) {
    String title = switch (status) {
      case 401 -> "Sign in first";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 409, 422 -> "Not done";
      default -> "Something went wrong";
    };
    return page(user, csrf, title, "<h1>" + Html.esc(title) + "</h1><p class=\"problem\" role=\"alert\">"
        + Html.esc(capitalize(message)) + ".</p>" + (user == null ? "<p><a href=\"/login\">Sign in</a></p>"
        : "<p><a href=\"/inbox\">Back to the inbox</a></p>"));
  }

  private static String capitalize(String text) {
    return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  // ---- inbox and tasks ---------------------------------------------------------------------

  private void inbox(Context ctx) {
    Users.User user = user(ctx);
    List<Task> tasks = services.inbox(user);
    StringBuilder body = new StringBuilder("<h1>Inbox</h1>");
    body.append("<p class=\"hint\">The open tasks of your roles: ")
        .append(Html.esc(String.join(", ", user.roles().stream().map(r -> services.model().roleTitle(r)).sorted().toList())))
        .append(".</p>");
    // htmx brings the list up to date every 10 seconds, without reloading the page.
    body.append("<div id=\"inbox-list\" hx-get=\"/inbox\" hx-trigger=\"every 10s\" hx-select=\"#inbox-list\"")
        .append(" hx-swap=\"outerHTML\">");
    if (tasks.isEmpty()) {
      body.append("<p id=\"empty\">Nothing to do.</p>");
    } else {
      body.append("<table id=\"tasks\"><thead><tr><th>Task</th><th>Workflow</th><th>Case</th><th>Role</th>")
          .append("<th>Waiting since</th><th>Due</th><th>Taken by</th></tr></thead><tbody>");
      for (Task task : tasks) {
        body.append("<tr class=\"task").append(services.overdue(task) ? " overdue" : "")
            .append(task.escalated() ? " escalated" : "").append("\" data-step=\"").append(Html.esc(task.step()))
            .append("\"><td><a href=\"/tasks/").append(Html.path(task.id())).append("\">")
            .append(Html.esc(Forms.label(task.step())))
            .append("</a>").append(badges(task)).append("</td><td>").append(Html.esc(Html.simple(task.workflow())))
            .append("</td><td><a href=\"/cases/").append(Html.path(task.instanceId())).append("\">")
            .append(Html.esc(task.instanceId())).append("</a></td><td>").append(Html.esc(services.model().roleTitle(
                task.escalated() && task.escalationRole() != null ? task.escalationRole() : task.role())))
            .append("</td><td>").append(Html.time(task.created())).append("</td><td>")
            .append(task.due().map(Html::time).orElse("")).append("</td><td>").append(Html.esc(task.assignee()))
            .append("</td></tr>");
      }
      body.append("</tbody></table>");
    }
    body.append("</div>");
    ctx.html(page(ctx, "Inbox", body.toString()));
  }

  private String badges(Task task) {
    StringBuilder out = new StringBuilder();
    if (task.kind().equals("approval")) {
      out.append(" <span class=\"badge\">approval</span>");
    }
    if (services.overdue(task)) {
      out.append(" <span class=\"badge overdue\">overdue</span>");
    }
    if (task.escalated()) {
      out.append(" <span class=\"badge escalated\">escalated</span>");
    }
    return out.toString();
  }

  private void task(Context ctx) {
    Task task = services.task(user(ctx), ctx.pathParam("id"));
    ctx.html(taskPage(ctx, task, Map.of(), List.of()));
  }

  private String taskPage(Context ctx, Task task, Map<String, String> submitted, List<String> problems) {
    Users.User user = user(ctx);
    String csrf = FlowServer.csrfToken(ctx);
    String path = "/tasks/" + Html.path(task.id());
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.esc(Forms.label(task.step()))).append(badges(task)).append("</h1>");
    if (!task.doc().isBlank()) {
      body.append("<p class=\"doc\">").append(Html.esc(task.doc())).append("</p>");
    }
    body.append("<dl class=\"facts\"><dt>Case</dt><dd><a href=\"/cases/").append(Html.path(task.instanceId())).append("\">")
        .append(Html.esc(task.instanceId())).append("</a> (").append(Html.esc(Html.simple(task.workflow())))
        .append(")</dd><dt>For</dt><dd>").append(Html.esc(services.model().roleTitle(task.role())));
    if (task.escalationRole() != null) {
      body.append(task.escalated() ? ", escalated to " : ", escalates to ")
          .append(Html.esc(services.model().roleTitle(task.escalationRole())));
    }
    body.append("</dd><dt>Waiting since</dt><dd>").append(Html.time(task.created())).append("</dd>");
    task.due().ifPresent(due -> body.append("<dt>Due</dt><dd>").append(Html.time(due))
        .append(services.overdue(task) ? " (overdue)" : "").append("</dd>"));
    body.append("<dt>Status</dt><dd id=\"status\">").append(Html.esc(task.status().name().toLowerCase(Locale.ROOT)))
        .append(task.assignee() == null ? "" : ", taken by " + Html.esc(task.assignee()))
        .append(task.completedBy() == null ? "" : ", completed by " + Html.esc(task.completedBy())).append("</dd></dl>");
    boolean may = task.isOpen() && task.allows(user.principal());
    if (!may) {
      body.append("<p class=\"hint\">").append(task.isOpen() ? "You may look at this task but not act on it."
          : "This task is no longer open.").append("</p>");
      return page(ctx, Forms.label(task.step()), body.toString());
    }
    body.append("<div class=\"actions\">");
    if (task.assignee() == null) {
      body.append("<form method=\"post\" action=\"").append(path).append("/claim\">").append(csrfField(csrf))
          .append("<button type=\"submit\" id=\"claim\">Take it</button></form>");
    } else if (task.assignee().equals(user.name())) {
      body.append("<form method=\"post\" action=\"").append(path).append("/release\">").append(csrfField(csrf))
          .append("<button type=\"submit\" id=\"release\" class=\"secondary\">Give it back</button></form>");
    }
    List<String> others = new ArrayList<>();
    for (Users.User other : services.users().all()) {
      if (!other.name().equals(task.assignee()) && task.allows(other.principal())) {
        others.add(other.name());
      }
    }
    if (!others.isEmpty()) {
      body.append("<form method=\"post\" action=\"").append(path).append("/reassign\" class=\"inline\">")
          .append(csrfField(csrf)).append("<label for=\"to\">Hand to</label><select id=\"to\" name=\"to\">");
      for (String other : others) {
        body.append("<option>").append(Html.esc(other)).append("</option>");
      }
      body.append("</select><button type=\"submit\" class=\"secondary\">Reassign</button></form>");
    }
    body.append("</div>");
    boolean mine = task.assignee() == null || task.assignee().equals(user.name());
    if (!mine) {
      body.append("<p class=\"hint\">").append(Html.esc(task.assignee())).append(" has taken this task.</p>");
    } else {
      if (!problems.isEmpty()) {
        body.append("<div class=\"errors\" role=\"alert\" id=\"problems\"><p>Nothing was saved; please fix:</p><ul>");
        for (String problem : problems) {
          body.append("<li>").append(Html.esc(problem)).append("</li>");
        }
        body.append("</ul></div>");
      }
      body.append("<form method=\"post\" action=\"").append(path).append("/complete\" novalidate id=\"task-form\">")
          .append(csrfField(csrf));
      if (task.kind().equals("approval")) {
        body.append("<div class=\"field\"><label for=\"f-comment\">Comment <span class=\"hint\">(optional)</span></label>")
            .append("<textarea id=\"f-comment\" name=\"comment\" rows=\"3\">")
            .append(Html.esc(submitted.getOrDefault("comment", ""))).append("</textarea></div>")
            .append("<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button> ")
            .append("<button type=\"submit\" name=\"decision\" value=\"reject\" id=\"reject\" class=\"danger\">Reject</button>");
      } else {
        Forms.render(body, Forms.fields(task.fields()), submitted, 0);
        body.append("<button type=\"submit\" id=\"complete\">Done</button>");
      }
      body.append("</form>");
    }
    return page(ctx, Forms.label(task.step()), body.toString());
  }

  private void act(Context ctx, String action) {
    Users.User user = user(ctx);
    Task task = services.task(user, ctx.pathParam("id"));
    try {
      switch (action) {
        case "claim" -> services.runtime().inbox().claim(task.id(), user.principal());
        case "release" -> services.runtime().inbox().release(task.id(), user.principal());
        default -> {
          String to = ctx.formParam("to");
          Users.User other = to == null ? null : services.users().user(to).orElse(null);
          if (other == null) {
            throw new Refused(422, "there is no user " + (to == null ? "given" : "`" + to + "`") + " to hand the task to");
          }
          services.runtime().inbox().reassign(task.id(), user.principal(), other.principal());
        }
      }
    } catch (TaskException e) {
      throw new Refused(409, e.getMessage());
    }
    ctx.redirect("/tasks/" + Html.path(task.id()));
  }

  private void complete(Context ctx) {
    Users.User user = user(ctx);
    Task task = services.task(user, ctx.pathParam("id"));
    Map<String, List<String>> params = ctx.formParamMap();
    List<String> problems = new ArrayList<>();
    Map<String, Object> values;
    if (task.kind().equals("approval")) {
      String decision = Forms.first(params, "decision");
      if (decision == null || !(decision.equals("approve") || decision.equals("reject"))) {
        problems.add("choose Approve or Reject");
      }
      values = new HashMap<>();
      values.put("approved", "approve".equals(decision));
      String comment = Forms.first(params, "comment");
      values.put("comment", comment == null || comment.isBlank() ? null : comment.strip());
    } else {
      values = Forms.read(Forms.fields(task.fields()), params, problems, 0);
    }
    if (problems.isEmpty()) {
      try {
        services.runtime().inbox().complete(task.id(), user.principal(), values);
        ctx.redirect("/inbox?done=" + Html.url(task.id()));
        return;
      } catch (FormException e) {
        problems.addAll(e.problems());
      } catch (TaskException e) {
        throw new Refused(409, e.getMessage());
      }
    }
    ctx.status(422).html(taskPage(ctx, task, Forms.submitted(params), problems));
  }

  // ---- start and events --------------------------------------------------------------------

  private void startList(Context ctx) {
    Users.User user = user(ctx);
    StringBuilder body = new StringBuilder("<h1>Start</h1><ul class=\"list\" id=\"startable\">");
    int count = 0;
    for (WorkflowDefinition<?, ?> workflow : services.model().workflows()) {
      if (Model.startsManually(workflow) && services.mayRun(user, workflow)) {
        count++;
        body.append("<li><a href=\"/start/").append(Html.url(workflow.name())).append("\">")
            .append(Html.esc(workflow.simpleName())).append("</a> <span class=\"hint\">")
            .append(Html.esc(workflow.doc())).append("</span></li>");
      }
    }
    body.append("</ul>");
    if (count == 0) {
      body.append("<p>No workflow you own starts by hand.</p>");
    }
    ctx.html(page(ctx, "Start", body.toString()));
  }

  private WorkflowDefinition<?, ?> startable(Context ctx) {
    String name = ctx.pathParam("workflow");
    WorkflowDefinition<?, ?> workflow = services.model().workflow(name)
        .orElseThrow(() -> Refused.notFound("workflow " + name));
    if (!Model.startsManually(workflow)) {
      throw new Refused(409, workflow.simpleName() + " does not start by hand");
    }
    if (!services.mayRun(user(ctx), workflow)) {
      throw Refused.forbidden("start " + workflow.simpleName() + ": only its owner ("
          + services.model().roleTitle(workflow.owner()) + ") may");
    }
    return workflow;
  }

  private void startForm(Context ctx) {
    ctx.html(startPage(ctx, startable(ctx), Map.of(), List.of()));
  }

  private String startPage(Context ctx, WorkflowDefinition<?, ?> workflow, Map<String, String> submitted,
      List<String> problems) {
    StringBuilder body = new StringBuilder("<h1>Start ").append(Html.esc(workflow.simpleName())).append("</h1>");
    if (!workflow.doc().isBlank()) {
      body.append("<p class=\"doc\">").append(Html.esc(workflow.doc())).append("</p>");
    }
    problems(body, problems);
    body.append("<form method=\"post\" novalidate id=\"start-form\">").append(csrfField(FlowServer.csrfToken(ctx)));
    Forms.render(body, Forms.fields(workflow.inputType(), ""), submitted, 0);
    body.append("<button type=\"submit\" id=\"start\">Start</button></form>");
    return page(ctx, "Start " + workflow.simpleName(), body.toString());
  }

  private static void problems(StringBuilder body, List<String> problems) {
    if (!problems.isEmpty()) {
      body.append("<div class=\"errors\" role=\"alert\" id=\"problems\"><p>Nothing was started; please fix:</p><ul>");
      for (String problem : problems) {
        body.append("<li>").append(Html.esc(problem)).append("</li>");
      }
      body.append("</ul></div>");
    }
  }

  private void start(Context ctx) {
    WorkflowDefinition<?, ?> workflow = startable(ctx);
    Map<String, List<String>> params = ctx.formParamMap();
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = Forms.read(Forms.fields(workflow.inputType(), ""), params, problems, 0);
    if (problems.isEmpty()) {
      try {
        Object input = Values.convert(values, workflow.inputType());
        String id = services.runtime().start(workflow.name(), input);
        ctx.redirect("/cases/" + Html.path(id));
        return;
      } catch (IllegalArgumentException e) {
        problems.add("the input " + e.getMessage());
      }
    }
    ctx.status(422).html(startPage(ctx, workflow, Forms.submitted(params), problems));
  }

  private void eventsForm(Context ctx) {
    if (!user(ctx).admin()) {
      throw Refused.forbidden("publish events: only an admin may");
    }
    ctx.html(eventsPage(ctx, null, "", List.of(), null));
  }

  private String eventsPage(Context ctx, String chosen, String json, List<String> problems, String result) {
    StringBuilder body = new StringBuilder("<h1>Publish an event</h1><p class=\"hint\">For trying a model: the event")
        .append(" starts the workflows that start on it and wakes the cases that wait for it.</p>");
    if (result != null) {
      body.append("<p class=\"ok\" id=\"published\">").append(result).append("</p>");
    }
    if (!problems.isEmpty()) {
      body.append("<div class=\"errors\" role=\"alert\" id=\"problems\"><ul>");
      problems.forEach(p -> body.append("<li>").append(Html.esc(p)).append("</li>"));
      body.append("</ul></div>");
    }
    body.append("<form method=\"post\" novalidate id=\"event-form\">").append(csrfField(FlowServer.csrfToken(ctx)))
        .append("<div class=\"field\"><label for=\"type\">Event</label><select id=\"type\" name=\"type\">");
    for (Map.Entry<String, Class<?>> event : services.model().events().entrySet()) {
      body.append("<option value=\"").append(Html.esc(event.getKey())).append("\"")
          .append(event.getKey().equals(chosen) ? " selected" : "").append(">").append(Html.esc(event.getValue().getSimpleName()))
          .append("</option>");
    }
    body.append("</select></div><div class=\"field\"><label for=\"json\">Its fields, as JSON</label>")
        .append("<textarea id=\"json\" name=\"json\" rows=\"12\">").append(Html.esc(json)).append("</textarea></div>")
        .append("<button type=\"submit\" id=\"publish\">Publish</button></form>");
    return page(ctx, "Events", body.toString());
  }

  private void publish(Context ctx) {
    if (!user(ctx).admin()) {
      throw Refused.forbidden("publish events: only an admin may");
    }
    String type = ctx.formParam("type");
    String json = ctx.formParam("json") == null ? "" : ctx.formParam("json");
    List<String> problems = new ArrayList<>();
    try {
      dev.flow.runtime.api.Delivery delivery = Api.publish(services, type, Api.parse(json));
      StringBuilder result = new StringBuilder("Published.");
      for (String id : delivery.started()) {
        result.append(" Started <a href=\"/cases/").append(Html.path(id)).append("\">").append(Html.esc(id)).append("</a>.");
      }
      for (String id : delivery.woken()) {
        result.append(" Delivered to <a href=\"/cases/").append(Html.path(id)).append("\">").append(Html.esc(id))
            .append("</a>.");
      }
      if (delivery.started().isEmpty() && delivery.woken().isEmpty()) {
        result.append(" No workflow starts on it and no case waits for it.");
      }
      ctx.html(eventsPage(ctx, type, "", List.of(), result.toString()));
      return;
    } catch (Refused e) {
      if (e.status() != 422) {
        throw e;
      }
      problems.add(e.getMessage());
    }
    ctx.status(422).html(eventsPage(ctx, type, json, problems, null));
  }

  // ---- cases -------------------------------------------------------------------------------

  static Services.CaseFilter filter(Context ctx) {
    String state = blankToNull(ctx.queryParam("state"));
    InstanceState parsed = null;
    if (state != null) {
      try {
        parsed = InstanceState.valueOf(state.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new Refused(400, "`" + state + "` is not a state: running, waiting, completed, failed or cancelled");
      }
    }
    return new Services.CaseFilter(blankToNull(ctx.queryParam("workflow")), parsed,
        blankToNull(ctx.queryParam("waitingOn")),
        "true".equals(ctx.queryParam("overdue")) || "on".equals(ctx.queryParam("overdue")));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private void cases(Context ctx) {
    Users.User user = user(ctx);
    Services.CaseFilter filter = filter(ctx);
    List<WorkflowInstance> cases = services.cases(user, filter, 200);
    StringBuilder body = new StringBuilder("<h1>Cases</h1><form method=\"get\" class=\"filters\" id=\"filters\">");
    body.append("<label>Workflow <select name=\"workflow\"><option value=\"\">any</option>");
    for (WorkflowDefinition<?, ?> workflow : services.model().workflows()) {
      if (services.maySee(user, workflow.name())) {
        body.append("<option value=\"").append(Html.esc(workflow.name())).append("\"")
            .append(workflow.name().equals(filter.workflow()) || workflow.simpleName().equals(filter.workflow())
                ? " selected" : "")
            .append(">").append(Html.esc(workflow.simpleName())).append("</option>");
      }
    }
    body.append("</select></label><label>State <select name=\"state\"><option value=\"\">any</option>");
    for (InstanceState state : InstanceState.values()) {
      String name = state.name().toLowerCase(Locale.ROOT);
      body.append("<option value=\"").append(name).append("\"").append(state == filter.state() ? " selected" : "")
          .append(">").append(name).append("</option>");
    }
    body.append("</select></label><label>Waiting on <select name=\"waitingOn\"><option value=\"\">anyone</option>");
    for (String role : services.model().roleNames()) {
      body.append("<option value=\"").append(Html.esc(role)).append("\"")
          .append(role.equals(filter.waitingOn()) ? " selected" : "")
          .append(">").append(Html.esc(services.model().roleTitle(role))).append("</option>");
    }
    for (Users.User person : services.users().all()) {
      body.append("<option value=\"").append(Html.esc(person.name())).append("\"")
          .append(person.name().equals(filter.waitingOn()) ? " selected" : "").append(">")
          .append(Html.esc(person.name())).append("</option>");
    }
    for (String kind : List.of("timer", "receive", "call", "action")) {
      body.append("<option value=\"").append(kind).append("\"").append(kind.equals(filter.waitingOn()) ? " selected" : "")
          .append(">a ").append(kind.equals("receive") ? "n event" : kind).append("</option>");
    }
    body.append("</select></label><label><input type=\"checkbox\" name=\"overdue\" value=\"true\"")
        .append(filter.overdue() ? " checked" : "").append("> overdue</label><button type=\"submit\">Filter</button></form>");
    if (cases.isEmpty()) {
      body.append("<p id=\"empty\">No cases.</p>");
    } else {
      body.append("<table id=\"cases\"><thead><tr><th>Case</th><th>Workflow</th><th>State</th><th>Started</th>")
          .append("<th>Waiting on</th></tr></thead><tbody>");
      for (WorkflowInstance instance : cases) {
        body.append("<tr><td><a href=\"/cases/").append(Html.path(instance.id())).append("\">").append(Html.esc(instance.id()))
            .append("</a></td><td>").append(Html.esc(Html.simple(instance.workflow()))).append("</td><td class=\"state ")
            .append(instance.state().name().toLowerCase(Locale.ROOT)).append("\">")
            .append(instance.state().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(Html.time(instance.started()))
            .append("</td><td>").append(Html.esc(waitsText(instance))).append("</td></tr>");
      }
      body.append("</tbody></table>");
    }
    ctx.html(page(ctx, "Cases", body.toString()));
  }

  private String waitsText(WorkflowInstance instance) {
    List<String> out = new ArrayList<>();
    for (WorkflowInstance.Wait wait : instance.waits()) {
      if (Services.isPeople(wait)) {
        out.add(Forms.label(wait.step()) + " (" + services.model().roleTitle(wait.detail()) + ")");
      } else {
        out.add(wait.kind() + " " + wait.step() + wait.due().map(d -> " until " + Html.time(d)).orElse(""));
      }
    }
    return String.join("; ", out);
  }

  private void casePage(Context ctx) {
    Users.User user = user(ctx);
    WorkflowInstance instance = services.instance(user, ctx.pathParam("id"));
    String csrf = FlowServer.csrfToken(ctx);
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.esc(Html.simple(instance.workflow()))).append(" <span class=\"case-id\">")
        .append(Html.esc(instance.id())).append("</span></h1>");
    String state = instance.state().name().toLowerCase(Locale.ROOT);
    body.append("<dl class=\"facts\"><dt>State</dt><dd id=\"case-state\" class=\"state ").append(state).append("\">")
        .append(state).append("</dd><dt>Version</dt><dd>").append(instance.version()).append("</dd><dt>Started</dt><dd>")
        .append(Html.time(instance.started())).append("</dd>");
    instance.ended().ifPresent(e -> body.append("<dt>Ended</dt><dd>").append(Html.time(e)).append(" (after ")
        .append(Html.duration(Duration.between(instance.started(), e))).append(")</dd>"));
    if (instance.parentId() != null) {
      body.append("<dt>Started by</dt><dd><a href=\"/cases/").append(Html.path(instance.parentId())).append("\">")
          .append(Html.esc(instance.parentId())).append("</a></dd>");
    }
    if (instance.state() == dev.flow.runtime.InstanceState.COMPLETED) {
      // A continue-as-new chain: where it is now, found from the chain's facts.
      String current;
      try {
        current = services.runtime().current(instance.id());
      } catch (IllegalArgumentException e) {
        // The retention dropped the chain's current instance (or this one, since it was read).
        current = null;
        body.append("<dt>Continued as new</dt><dd id=\"case-current\">its chain's current instance is no longer kept</dd>");
      }
      if (current != null && !current.equals(instance.id())) {
        body.append("<dt>Continued as new</dt><dd id=\"case-current\">now <a href=\"/cases/").append(Html.path(current))
            .append("\">").append(Html.esc(current)).append("</a></dd>");
      }
    }
    instance.error().ifPresent(e -> body.append("<dt>Failed</dt><dd class=\"problem\">").append(Html.esc(e.message()))
        .append("</dd>"));
    instance.cancelReason().ifPresent(r -> body.append("<dt>Cancelled</dt><dd>").append(Html.esc(r)).append("</dd>"));
    body.append("</dl>");

    List<Task> open = services.runtime().inbox().forInstance(instance.id());
    body.append("<h2>Open tasks</h2>");
    if (open.isEmpty()) {
      body.append("<p class=\"hint\">None.</p>");
    } else {
      body.append("<ul id=\"open-tasks\">");
      for (Task task : open) {
        body.append("<li>");
        if (services.maySee(user, task)) {
          body.append("<a href=\"/tasks/").append(Html.path(task.id())).append("\">").append(Html.esc(Forms.label(task.step())))
              .append("</a>");
        } else {
          body.append(Html.esc(Forms.label(task.step())));
        }
        body.append(badges(task)).append(" · ").append(Html.esc(services.model().roleTitle(task.role())))
            .append(task.assignee() == null ? "" : " · taken by " + Html.esc(task.assignee()))
            .append(" · waiting ").append(Html.duration(Duration.between(task.created(), services.now())))
            .append(task.due().map(d -> " · due " + Html.time(d)).orElse("")).append("</li>");
      }
      body.append("</ul>");
    }
    List<dev.flow.runtime.Incident> incidents = services.incidentsOf(instance.id());
    if (!incidents.isEmpty()) {
      body.append("<h2>Incidents</h2><div id=\"incidents\">");
      for (dev.flow.runtime.Incident incident : incidents) {
        body.append(incident(incident, FlowServer.csrfToken(ctx), services.mayOperate(user, incident.workflow())));
      }
      body.append("</div>");
    }
    List<OperatorDesk.Call> calls = services.operator().map(o -> o.open(instance.id())).orElse(List.of());
    if (!calls.isEmpty()) {
      body.append("<h2>System steps waiting for an answer</h2><ul id=\"operator-calls\">");
      for (OperatorDesk.Call call : calls) {
        body.append("<li><a href=\"/operator#").append(Html.esc(call.id())).append("\">").append(Html.esc(call.action()))
            .append("</a> ").append(Html.esc(Api.compact(call.arguments()))).append("</li>");
      }
      body.append("</ul>");
    }
    List<WorkflowInstance.Wait> timers = instance.waits().stream().filter(w -> !Services.isPeople(w)).toList();
    if (!timers.isEmpty()) {
      body.append("<h2>Also waiting for</h2><ul id=\"waits\">");
      for (WorkflowInstance.Wait wait : timers) {
        body.append("<li>").append(Html.esc(wait.kind())).append(" ").append(Html.esc(wait.step()))
            .append(wait.detail() == null || wait.detail().isBlank() ? "" : " (" + Html.esc(wait.detail()) + ")")
            .append(wait.due().map(d -> " until " + Html.time(d)).orElse("")).append("</li>");
      }
      body.append("</ul>");
    }
    List<Breach> breaches = services.runtime().breaches().stream().filter(b -> b.instanceId().equals(instance.id())).toList();
    if (!breaches.isEmpty()) {
      body.append("<h2>Time limits passed</h2><ul id=\"breaches\">");
      for (Breach breach : breaches) {
        body.append("<li class=\"problem\">").append(breach.isDeadline() ? "The workflow's deadline"
            : Html.esc(Forms.label(breach.step()))).append(" (").append(Html.duration(breach.limit())).append(") passed at ")
            .append(Html.time(breach.due()))
            .append(breach.escalatedTo() == null ? ""
                : "; escalated to " + Html.esc(services.model().roleTitle(breach.escalatedTo())))
            .append("</li>");
      }
      body.append("</ul>");
    }
    instance.output().ifPresent(o -> body.append("<h2>Outputs</h2><pre id=\"outputs\">").append(Html.esc(Api.pretty(o)))
        .append("</pre>"));
    boolean drawn = Pages.class.getResource("/dev/flow/server/assets/mermaid.min.js") != null;
    services.diagram(instance.workflow()).ifPresent(d -> {
      body.append("<h2>Flowchart</h2>");
      if (drawn) {
        body.append("<p class=\"hint\">Done in green, waiting in amber, failed in red.</p>")
            .append("<pre class=\"mermaid\" id=\"flowchart\">").append(Html.esc(Diagrams.marked(d, instance)))
            .append("</pre><script src=\"/assets/mermaid.min.js\" defer></script>")
            .append("<script src=\"/assets/case.js\" defer></script>");
      } else {
        body.append("<details id=\"flowchart\"><summary>The workflow's Mermaid flowchart, with this case's steps done")
            .append(" (green), where it waits (amber) and the step that failed (red) styled</summary><pre>")
            .append(Html.esc(Diagrams.marked(d, instance))).append("</pre></details>");
      }
    });
    body.append("<h2>History</h2><table id=\"history\"><thead><tr><th>When</th><th>Step</th><th>What</th><th>Who</th>")
        .append("<th>Waited</th></tr></thead><tbody>");
    Map<String, Instant> began = new HashMap<>();
    for (HistoryEvent event : instance.history()) {
      if (!shown(event.type())) {
        if (event.type() == HistoryEvent.Type.ACTION_SCHEDULED) {
          began.putIfAbsent(event.stepId(), event.at());
        }
        continue;
      }
      if (begins(event.type())) {
        began.put(event.stepId(), event.at());
      }
      Instant start = event.type().isOutcome() ? began.get(event.stepId()) : null;
      body.append("<tr class=\"").append(event.type().name().toLowerCase(Locale.ROOT)).append("\"><td>")
          .append(Html.time(event.at())).append("</td><td>").append(Html.esc(event.step())).append("</td><td>")
          .append(Html.esc(words(event))).append("</td><td>").append(Html.esc(who(event))).append("</td><td>")
          .append(start == null ? "" : Html.duration(Duration.between(start, event.at()))).append("</td></tr>");
    }
    body.append("</tbody></table>");
    boolean runnable = services.model().workflow(instance.workflow()).map(w -> services.mayRun(user, w)).orElse(user.admin());
    if (!instance.state().isTerminal() && runnable) {
      body.append("<h2>Cancel</h2><form method=\"post\" action=\"/cases/").append(Html.path(instance.id()))
          .append("/cancel\" id=\"cancel-form\">").append(csrfField(csrf))
          .append("<div class=\"field\"><label for=\"reason\">Why</label><input id=\"reason\" name=\"reason\"></div>")
          .append("<button type=\"submit\" class=\"danger\" id=\"cancel\">Cancel this case</button></form>");
    }
    ctx.html(page(ctx, Html.simple(instance.workflow()) + " " + instance.id(), body.toString()));
  }

  private static boolean shown(HistoryEvent.Type type) {
    return switch (type) {
      case ACTION_SCHEDULED, COMPENSATION_REGISTERED, COMPENSATION_SCHEDULED, NOTIFY_REQUESTED, CLOCK_READ -> false;
      default -> true;
    };
  }

  private static boolean begins(HistoryEvent.Type type) {
    return switch (type) {
      case TASK_CREATED, TIMER_SET, RECEIVE_WAITING, CHILD_STARTED -> true;
      default -> false;
    };
  }

  private static String words(HistoryEvent event) {
    String what = event.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    String value = event.value() == null || event.type() == HistoryEvent.Type.INSTANCE_STARTED ? ""
        : ": " + Api.compact(event.value());
    String detail = event.type() == HistoryEvent.Type.TASK_COMPLETED ? "" : event.detail();
    return what + (detail.isBlank() ? "" : " (" + detail + ")") + value;
  }

  private static String who(HistoryEvent event) {
    return event.type() == HistoryEvent.Type.TASK_COMPLETED || event.type() == HistoryEvent.Type.TASK_ASSIGNED
        || event.type() == HistoryEvent.Type.CANCEL_REQUESTED ? event.detail() : "";
  }

  private void cancel(Context ctx) {
    Users.User user = user(ctx);
    WorkflowInstance instance = services.instance(user, ctx.pathParam("id"));
    Api.cancel(services, user, instance, ctx.formParam("reason"));
    ctx.redirect("/cases/" + Html.path(instance.id()));
  }

  // ---- the operator desk ------------------------------------------------------------------

  private void operator(Context ctx) {
    ctx.html(operatorPage(ctx, null, null, null));
  }

  private String operatorPage(Context ctx, String failedId, String typed, String problem) {
    Users.User user = user(ctx);
    String csrf = FlowServer.csrfToken(ctx);
    StringBuilder body = new StringBuilder("<h1>System steps</h1>");
    List<dev.flow.runtime.Incident> incidents = services.incidents(user);
    if (!incidents.isEmpty()) {
      body.append("<h2>Incidents</h2><p class=\"hint\">Steps whose retries ran out and that wait for you: retry one")
          .append(" (it runs again with a fresh budget of retries) or fail it (it fails as if its retries had run out).")
          .append("</p><div id=\"incidents\">");
      for (dev.flow.runtime.Incident incident : incidents) {
        body.append(incident(incident, csrf, true));
      }
      body.append("</div>");
    }
    if (services.operator().isEmpty()) {
      body.append("<p>Every system here has a real connector: nothing waits for a person.</p>");
      return page(ctx, "System steps", body.toString());
    }
    body.append("<p class=\"hint\">Systems without a connector: do what the step asks (or pretend to) and type in")
        .append(" what the system would answer. Shown to the owner of the workflow and to admins.</p>");
    List<OperatorDesk.Call> calls = services.operatorCalls(user);
    if (calls.isEmpty()) {
      body.append("<p id=\"empty\">No system step waits for you.</p>");
    }
    for (OperatorDesk.Call call : calls) {
      body.append("<section class=\"call\" id=\"").append(Html.esc(call.id())).append("\"><h2>")
          .append(Html.esc(call.action())).append(" <span class=\"case-id\">for <a href=\"/cases/")
          .append(Html.path(call.instanceId())).append("\">").append(Html.esc(call.instanceId())).append("</a>, step ")
          .append(Html.esc(call.step())).append("</span></h2><dl class=\"facts\">");
      call.arguments().forEach((name, value) -> body.append("<dt>").append(Html.esc(name)).append("</dt><dd>")
          .append(Html.esc(Api.compact(value))).append("</dd>"));
      body.append("<dt>Asked</dt><dd>").append(Html.time(call.asked())).append("</dd></dl>");
      if (call.id().equals(failedId)) {
        body.append("<div class=\"errors\" role=\"alert\">").append(Html.esc(problem)).append("</div>");
      }
      body.append("<form method=\"post\" action=\"/operator/").append(Html.path(call.id())).append("/answer\">")
          .append(csrfField(csrf));
      if (!call.result().equals("none")) {
        body.append("<div class=\"field\"><label for=\"r-").append(Html.esc(call.id())).append("\">Result (")
            .append(Html.esc(call.result())).append(")</label><input id=\"r-").append(Html.esc(call.id()))
            .append("\" name=\"result\" value=\"").append(call.id().equals(failedId) ? Html.esc(typed) : "").append("\"></div>");
      }
      body.append("<div class=\"field\"><label for=\"m-").append(Html.esc(call.id())).append("\">Or why it failed</label>")
          .append("<input id=\"m-").append(Html.esc(call.id())).append("\" name=\"message\"></div>")
          .append("<button type=\"submit\" name=\"outcome\" value=\"done\">Done</button> ")
          .append("<button type=\"submit\" name=\"outcome\" value=\"failed\" class=\"danger\">Failed</button></form></section>");
    }
    return page(ctx, "System steps", body.toString());
  }

  private void answerCall(Context ctx) {
    Users.User user = user(ctx);
    OperatorDesk.Call call = services.operatorCall(user, ctx.pathParam("id"));
    String result = ctx.formParam("result");
    try {
      if ("failed".equals(ctx.formParam("outcome"))) {
        services.operator().orElseThrow().fail(call.id(), ctx.formParam("message"));
      } else {
        services.operator().orElseThrow().answer(call.id(), result);
      }
    } catch (OperatorDesk.AnswerException e) {
      ctx.status(422).html(operatorPage(ctx, call.id(), result, e.getMessage()));
      return;
    }
    ctx.redirect("/cases/" + Html.path(call.instanceId()));
  }

  /** An open incident: what failed, how often, since when; with retry and fail buttons when the user may resolve it. */
  private String incident(dev.flow.runtime.Incident incident, String csrf, boolean mayResolve) {
    String id = Html.esc(incident.id());
    StringBuilder out = new StringBuilder("<section class=\"incident\" id=\"incident-").append(id).append("\"><h3>Step ")
        .append(Html.esc(Forms.label(incident.step()))).append(" <span class=\"case-id\">of <a href=\"/cases/")
        .append(Html.path(incident.instanceId())).append("\">").append(Html.esc(incident.instanceId()))
        .append("</a></span></h3><dl class=\"facts\"><dt>Last failure</dt><dd>").append(Html.esc(incident.message()))
        .append("</dd><dt>Attempts</dt><dd>").append(incident.attempts()).append("</dd><dt>Waiting since</dt><dd>")
        .append(Html.time(incident.opened())).append(" (").append(Html.duration(Duration.between(incident.opened(),
            services.now()))).append(")</dd></dl>");
    if (mayResolve) {
      out.append("<form method=\"post\" action=\"/incidents/").append(Html.path(incident.id())).append("/retry\">")
          .append(csrfField(csrf)).append("<button type=\"submit\">Retry</button></form>")
          .append("<form method=\"post\" action=\"/incidents/").append(Html.path(incident.id())).append("/fail\">")
          .append(csrfField(csrf)).append("<div class=\"field\"><label for=\"why-").append(id)
          .append("\">Why it fails</label><input id=\"why-").append(id).append("\" name=\"reason\"></div>")
          .append("<button type=\"submit\" class=\"danger\">Fail the step</button></form>");
    }
    return out.append("</section>").toString();
  }

  private void retryIncident(Context ctx) {
    dev.flow.runtime.Incident incident = services.retryIncident(user(ctx), ctx.pathParam("id"));
    ctx.redirect("/cases/" + Html.path(incident.instanceId()));
  }

  private void failIncident(Context ctx) {
    dev.flow.runtime.Incident incident = services.failIncident(user(ctx), ctx.pathParam("id"), ctx.formParam("reason"));
    ctx.redirect("/cases/" + Html.path(incident.instanceId()));
  }

  // ---- processes ---------------------------------------------------------------------------

  private void processes(Context ctx) {
    Users.User user = user(ctx);
    StringBuilder body = new StringBuilder("<h1>Processes</h1><ul class=\"list\" id=\"processes\">");
    for (ProcessDefinition process : services.model().processes()) {
      if (services.maySee(user, process)) {
        body.append("<li><a href=\"/processes/").append(Html.url(process.name())).append("\">")
            .append(Html.esc(Html.simple(process.name()))).append("</a> <span class=\"hint\">")
            .append(Html.esc(process.goal())).append("</span></li>");
      }
    }
    body.append("</ul>");
    ctx.html(page(ctx, "Processes", body.toString()));
  }

  private void process(Context ctx) {
    Users.User user = user(ctx);
    ProcessDefinition process = services.process(user, ctx.pathParam("name"));
    StringBuilder body = new StringBuilder("<h1>").append(Html.esc(Html.simple(process.name()))).append("</h1>");
    if (!process.doc().isBlank()) {
      body.append("<p class=\"doc\">").append(Html.esc(process.doc())).append("</p>");
    }
    body.append("<dl class=\"facts\">");
    if (process.goal() != null) {
      body.append("<dt>Goal</dt><dd id=\"goal\">").append(Html.esc(process.goal())).append("</dd>");
    }
    if (process.owner() != null) {
      body.append("<dt>Owner</dt><dd>").append(Html.esc(services.model().roleTitle(process.owner()))).append("</dd>");
    }
    if (!process.stakeholders().isEmpty()) {
      body.append("<dt>Stakeholders</dt><dd>").append(Html.esc(String.join(", ",
          process.stakeholders().stream().map(r -> services.model().roleTitle(r)).toList()))).append("</dd>");
    }
    body.append("<dt>Workflows</dt><dd>");
    for (String workflow : process.workflows()) {
      body.append("<a href=\"/cases?workflow=").append(Html.url(workflow)).append("\">").append(Html.esc(Html.simple(workflow)))
          .append("</a> ");
    }
    body.append("</dd></dl><h2>Measures</h2><table id=\"measures\"><thead><tr><th>Measure</th><th>From</th><th>To</th>")
        .append("<th>Target</th><th>Cases</th><th>Median</th><th>90th percentile</th><th>Within target</th><th>Open</th>")
        .append("</tr></thead><tbody>");
    for (Measures.Result result : Measures.compute(process, services.runtime().eventLog(), services.model())) {
      ProcessDefinition.Measure m = result.measure();
      CaseMeasures.Figures figures = result.figures();
      body.append("<tr data-measure=\"").append(Html.esc(m.name())).append("\"><td>")
          .append(Html.esc(m.title() == null ? m.name() : m.title())).append("</td><td>").append(Html.esc(m.from()))
          .append("</td><td>").append(Html.esc(m.to())).append("</td><td>").append(m.target().map(Html::duration).orElse("—"))
          .append("</td><td>").append(figures.count()).append("</td><td>")
          .append(figures.median().map(Html::duration).orElse("—"))
          .append("</td><td>").append(figures.p90().map(Html::duration).orElse("—")).append("</td><td>")
          .append(figures.withinTarget().map(s -> Math.round(s * 100) + "%").orElse("—")).append("</td><td>")
          .append(figures.open()).append("</td></tr>");
    }
    body.append("</tbody></table>");
    ctx.html(page(ctx, Html.simple(process.name()), body.toString()));
  }
}
