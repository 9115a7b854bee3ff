package dev.flow.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.api.FlowRuntime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.http.HttpSession;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.session.SessionHandler;

/**
 * The Flow server: people do their work in a browser (inbox, forms, start, cases, processes) and
 * other tools over a JSON API, on any {@link FlowRuntime}. Every page and API call needs a
 * signed-in user (a session, or HTTP Basic for the API), every POST of a session a CSRF token, and
 * every task, case and process a role of the user (else 403).
 *
 * <pre>{@code
 * FlowServer server = FlowServer.builder(engine).modules(List.of(OnboardingModule.INSTANCE))
 *     .users(Users.read(Path.of("users.json"), roles)).port(8080).start();
 * }</pre>
 */
public final class FlowServer implements AutoCloseable {
  static final String USER = "flow.user";
  static final String CSRF = "flow.csrf";
  private static final String SESSION_USER = "flow.user";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Javalin app;
  private final Services services;

  private FlowServer(Builder builder) {
    this.services = new Services(builder.runtime, new Model(builder.modules), builder.users, builder.clock,
        builder.manualClock, builder.diagrams, builder.operator);
    ObjectMapper mapper = mapper();
    Pages pages = new Pages(services);
    Api api = new Api(services, mapper);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
      config.staticFiles.add(files -> {
        files.hostedPath = "/assets";
        files.directory = "/dev/flow/server/assets";
        files.location = Location.CLASSPATH;
      });
      config.staticFiles.enableWebjars();
      config.jetty.modifyServletContextHandler(handler -> {
        SessionHandler sessions = new SessionHandler();
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.LAX);
        sessions.setSessionCookie("FLOWSESSION");
        sessions.setMaxInactiveInterval((int) Duration.ofHours(8).toSeconds());
        handler.setSessionHandler(sessions);
      });
    });
    app.before(this::guard);
    app.exception(Refused.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> refuse(ctx, 500, "the server could not do this: "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        refuse(ctx, 404, "there is no page " + ctx.path());
      }
    });
    pages.routes(app);
    api.routes(app);
    app.get("/login", this::loginPage);
    app.post("/login", this::login);
    app.post("/logout", this::logout);
    app.post("/api/session", this::apiLogin);
    app.delete("/api/session", this::apiLogout);
  }

  static ObjectMapper mapper() {
    SimpleModule values = new SimpleModule("flow-values");
    values.addSerializer(Instant.class, ToStringSerializer.instance);
    values.addSerializer(LocalDate.class, ToStringSerializer.instance);
    values.addSerializer(Duration.class, ToStringSerializer.instance);
    return new ObjectMapper().registerModule(values)
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);
  }

  public static Builder builder(FlowRuntime runtime) {
    return new Builder(runtime);
  }

  /** The port it listens on (the one the system chose, when started on port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  // ---- security ----------------------------------------------------------------------------

  private void guard(Context ctx) {
    String path = ctx.path();
    if (path.startsWith("/assets/") || path.startsWith("/webjars/") || path.equals("/api/openapi.json")) {
      return;
    }
    boolean api = path.startsWith("/api/");
    boolean post = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
    Users.User user = null;
    boolean basic = false;
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      basic = true;
      String[] pair = basicCredentials(authorization.substring(6).strip());
      user = services.users().authenticate(pair[0], pair[1])
          .orElseThrow(() -> new Refused(401, "wrong user name or password"));
    } else {
      HttpSession session = ctx.req().getSession(false);
      if (session != null && session.getAttribute(SESSION_USER) instanceof String name) {
        user = services.users().user(name).orElse(null);
      }
    }
    boolean login = path.equals("/login") || path.equals("/api/session") && ctx.method().name().equals("POST");
    if (post) {
      checkCsrf(ctx, basic, login && api);
    }
    if (login) {
      return;
    }
    if (user == null) {
      if (!api && !post) {
        String next = ctx.queryString() == null ? path : path + "?" + ctx.queryString();
        ctx.redirect("/login?next=" + Html.url(next));
        ctx.skipRemainingHandlers();
        return;
      }
      ctx.header("WWW-Authenticate", "Basic realm=\"Flow\"");
      throw new Refused(401, "sign in first");
    }
    ctx.attribute(USER, user);
  }

  private static String[] basicCredentials(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Refused(401, "the Authorization header is not valid Basic credentials");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new Refused(401, "the Authorization header is not valid Basic credentials");
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  /**
   * A POST of a session needs the session's CSRF token (form field {@code _csrf} or header
   * {@code X-CSRF-Token}); a POST with HTTP Basic (no cookie involved) or the API's sign-in
   * needs a JSON body, which no other site's form can send.
   */
  private static void checkCsrf(Context ctx, boolean basic, boolean apiLogin) {
    if (basic || apiLogin) {
      String type = ctx.contentType();
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        throw new Refused(403, "a request with HTTP Basic credentials must send JSON (Content-Type: application/json)");
      }
      return;
    }
    HttpSession session = ctx.req().getSession(false);
    String expected = session == null ? null : (String) session.getAttribute(CSRF);
    String given = ctx.header("X-CSRF-Token");
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
    if (given == null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
      given = ctx.formParam("_csrf");
    }
    if (expected == null || given == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      throw new Refused(403, "this request has no valid CSRF token (the page may have expired): reload the page and"
          + " try again");
    }
  }

  /** The session's CSRF token, made when the session is. */
  static String csrfToken(Context ctx) {
    HttpSession session = ctx.req().getSession(true);
    Object token = session.getAttribute(CSRF);
    if (token == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(CSRF, token);
    }
    return (String) token;
  }

  private void loginPage(Context ctx) {
    String next = safeNext(ctx.queryParam("next"));
    ctx.html(Pages.loginPage(csrfToken(ctx), next, null));
  }

  private void login(Context ctx) {
    String next = safeNext(ctx.formParam("next"));
    Optional<Users.User> user = services.users().authenticate(ctx.formParam("name"), ctx.formParam("password"));
    if (user.isEmpty()) {
      ctx.status(401).html(Pages.loginPage(csrfToken(ctx), next, "Wrong user name or password."));
      return;
    }
    startSession(ctx, user.get());
    ctx.redirect(next);
  }

  /** A new session for the user (the old one, and its token, are dropped: no session fixation). */
  private static String startSession(Context ctx, Users.User user) {
    HttpSession old = ctx.req().getSession(false);
    if (old != null) {
      old.invalidate();
    }
    HttpSession session = ctx.req().getSession(true);
    session.setAttribute(SESSION_USER, user.name());
    return csrfToken(ctx);
  }

  private static String safeNext(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/inbox";
  }

  private void logout(Context ctx) {
    HttpSession session = ctx.req().getSession(false);
    if (session != null) {
      session.invalidate();
    }
    ctx.redirect("/login");
  }

  private void apiLogin(Context ctx) {
    Map<?, ?> body = Api.body(ctx);
    Object name = body.get("name");
    Object password = body.get("password");
    Optional<Users.User> user = services.users().authenticate(name instanceof String n ? n : null,
        password instanceof String p ? p : null);
    if (user.isEmpty()) {
      throw new Refused(401, "wrong user name or password");
    }
    String token = startSession(ctx, user.get());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user.get().name());
    out.put("roles", List.copyOf(user.get().roles()));
    out.put("csrfToken", token);
    ctx.json(out);
  }

  private void apiLogout(Context ctx) {
    HttpSession session = ctx.req().getSession(false);
    if (session != null) {
      session.invalidate();
    }
    ctx.status(204);
  }

  private static void refuse(Context ctx, int status, String message) {
    ctx.status(status);
    if (ctx.path().startsWith("/api/")) {
      ctx.json(Map.of("error", message, "status", status));
    } else {
      Users.User user = ctx.attribute(USER);
      ctx.html(Pages.errorPage(user, user == null ? null : csrfToken(ctx), status, message));
    }
  }

  /** Thrown when the server cannot start, in words: the port is in use, or the address unknown. */
  public static final class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Builds and starts a {@link FlowServer}. */
  public static final class Builder {
    private final FlowRuntime runtime;
    private List<FlowModule> modules = List.of();
    private Users users;
    private String host = "127.0.0.1";
    private int port = 8080;
    private Clock clock;
    private ManualClock manualClock;
    private Map<String, String> diagrams = Map.of();
    private OperatorDesk operator;

    private Builder(FlowRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      if (runtime instanceof Engine engine) {
        this.clock = engine.clock();
      } else {
        this.clock = Clock.systemUTC();
      }
    }

    /** The generated modules of the model: their workflows, processes and roles. */
    public Builder modules(List<FlowModule> value) {
      this.modules = List.copyOf(value);
      return this;
    }

    /** Who may sign in. */
    public Builder users(Users value) {
      this.users = Objects.requireNonNull(value, "users");
      return this;
    }

    /** The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** The port (default 8080; 0 for any free one). */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** The clock the runtime runs on, to mark overdue tasks (default: the engine's). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Test mode: the runtime runs on this manual clock and an admin may move it forward
     * ({@code POST /api/clock}), so that time limits pass in a test.
     */
    public Builder testClock(ManualClock value) {
      this.manualClock = Objects.requireNonNull(value, "clock");
      this.clock = value;
      return this;
    }

    /** Each workflow's Mermaid flowchart (by qualified name), drawn on its case pages. */
    public Builder diagrams(Map<String, String> value) {
      this.diagrams = Map.copyOf(value);
      return this;
    }

    /**
     * Each workflow's Mermaid flowchart, read from the diagrams that {@code flow-maven-plugin} or
     * {@code flowc diagram} wrote: {@code PACKAGE/NAME.workflow.mmd} below {@code directory}
     * (the plugin's {@code target/generated-docs/flow}). A directory that is not there gives no
     * flowcharts: case pages then show none.
     *
     * @throws java.io.UncheckedIOException when a diagram cannot be read
     */
    public Builder diagramsFrom(java.nio.file.Path directory) {
      Map<String, String> read = new java.util.TreeMap<>();
      if (java.nio.file.Files.isDirectory(directory)) {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(directory)) {
          for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".workflow.mmd")).toList()) {
            String relative = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            String name = relative.substring(0, relative.length() - ".workflow.mmd".length()).replace('/', '.');
            read.put(name, java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot read the diagrams in " + directory + ": " + e.getMessage(), e);
        }
      }
      this.diagrams = Map.copyOf(read);
      return this;
    }

    /** Where system steps without a connector wait for a person's answer (see {@link OperatorDesk}). */
    public Builder operator(OperatorDesk value) {
      this.operator = Objects.requireNonNull(value, "operator");
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws StartException when it cannot listen (the port is in use…)
     */
    public FlowServer start() {
      if (users == null) {
        throw new IllegalStateException("a FlowServer needs its users: builder.users(Users.read(…))");
      }
      FlowServer server = new FlowServer(this);
      try {
        server.app.start(host, port);
      } catch (RuntimeException e) {
        server.app.stop();
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
          cause = cause.getCause();
        }
        if (cause != null) {
          throw new StartException("cannot listen on " + host + ":" + port + ": the port is in use (give another"
              + " with --port)", e);
        }
        throw new StartException("cannot start the server on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      return server;
    }
  }

  /** The names of the users, for a reassign list. */
  static List<String> names(Users users) {
    List<String> names = new ArrayList<>();
    users.all().forEach(u -> names.add(u.name()));
    return names;
  }
}
