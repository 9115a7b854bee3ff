package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowc serve}: the onboarding example served, its system steps answered by a person; clear errors. */
class ServeCommandTest {
  private static final Path ONBOARDING = Path.of("../../examples/onboarding");

  @TempDir
  Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result flowc(CountDownLatch stop, String stdin, ByteArrayOutputStream out, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ServeCommand serve = new ServeCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stop);
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Commands.withHelp(List.of(serve)));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void servesTheOnboardingExampleAndAPersonAnswersItsSystemSteps() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = new Thread(() -> exit.set(flowc(stop, "", out, "serve", ONBOARDING.toString(), "--port", "0",
        "--data", dir.toString()).exit()));
    server.start();
    String printed = "";
    int port = -1;
    for (int i = 0; i < 600 && port < 0 && server.isAlive(); i++) {
      Thread.sleep(100);
      printed = out.toString(StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/").matcher(printed);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      }
    }
    try {
      assertTrue(port > 0, "flowc serve did not start: " + printed);
      assertTrue(Files.exists(dir.resolve("users.json")), "the users file is made on the first start");
      String admin = password(printed, "admin");
      String legal = password(printed, "legal");
      assertFalse(Files.readString(dir.resolve("users.json")).contains(admin), "only hashes are written");
      String base = "http://127.0.0.1:" + port;
      String started = post(base + "/api/events", "admin", admin, "{\"type\": \"IntakeSubmitted\", \"event\": {\"client\":"
          + " \"Acme\", \"contactName\": \"Ada\", \"email\": \"ada@acme.example\", \"tier\": \"Growth\", \"needsNda\": true,"
          + " \"documents\": []}}");
      assertTrue(started.contains("DocumentCollection-1"), started);
      String calls = waitFor(base + "/api/operator", "admin", admin, "Drive.createFolder");
      assertTrue(calls.contains("\"arguments\":{\"client\":\"Acme\"}"), calls);
      assertTrue(calls.contains("\"result\":\"Text\""), calls);
      String refused = post(base + "/api/operator/DocumentCollection-1/createFolder/answer", "admin", admin, "{}");
      assertTrue(refused.contains("give the result of Drive.createFolder"), refused);
      post(base + "/api/operator/DocumentCollection-1/createFolder/answer", "admin", admin,
          "{\"result\": \"https://drive.example/acme\"}");
      String tasks = waitFor(base + "/api/tasks", "legal", legal, "ndaReview");
      assertTrue(tasks.contains("DocumentCollection-1/ndaReview"), tasks);
      String history = get(base + "/api/cases/DocumentCollection-1", "admin", admin);
      assertTrue(history.contains("https://drive.example/acme"), "the operator's answer is the step's result: " + history);
    } finally {
      stop.countDown();
      server.join(30_000);
    }
    assertEquals(0, exit.get());
  }

  private static String password(String printed, String user) {
    Matcher m = Pattern.compile("(?m)^  " + user + " +(\\S+)").matcher(printed);
    assertTrue(m.find(), "no password printed for " + user + ": " + printed);
    return m.group(1);
  }

  private static String waitFor(String url, String user, String password, String text) throws Exception {
    String body = "";
    for (int i = 0; i < 100 && !body.contains(text); i++) {
      body = get(url, user, password);
      if (!body.contains(text)) {
        Thread.sleep(100);
      }
    }
    assertTrue(body.contains(text), url + " never showed " + text + ": " + body);
    return body;
  }

  private static String get(String url, String user, String password) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, password)).GET().build());
  }

  private static String post(String url, String user, String password, String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, password))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static String send(HttpRequest request) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPortInUseIsSaidInWords() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Result result = flowc(new CountDownLatch(1), "", new ByteArrayOutputStream(), "serve", ONBOARDING.toString(),
          "--port", String.valueOf(taken.getLocalPort()), "--data", dir.toString());
      assertEquals(2, result.exit());
      assertTrue(result.err().contains("the port is in use"), result.err());
      assertFalse(result.err().contains("Exception"), result.err());
    }
  }

  @Test
  void aBadUsersFileIsSaidInWords() throws IOException {
    Path users = dir.resolve("users.json");
    Files.writeString(users, "{\"users\": [{\"name\": \"ann\", \"password\": \"secret\", \"roles\": [\"AccountManager\"]}]}");
    Result plain = flowc(new CountDownLatch(1), "", new ByteArrayOutputStream(), "serve", ONBOARDING.toString(),
        "--users", users.toString(), "--data", dir.resolve("data").toString());
    assertEquals(2, plain.exit());
    assertTrue(plain.err().contains("user `ann`: the password must be a BCrypt hash"), plain.err());
    Files.writeString(users, "{\"users\": [{\"name\": \"ann\", \"password\": \"" + hash("pw") + "\", \"roles\": [\"Cook\"]}]}");
    Result role = flowc(new CountDownLatch(1), "", new ByteArrayOutputStream(), "serve", ONBOARDING.toString(),
        "--users", users.toString(), "--data", dir.resolve("data").toString());
    assertEquals(2, role.exit());
    assertTrue(role.err().contains("the model has no role `Cook`; its roles: AccountManager, Legal"), role.err());
    Files.writeString(users, "{\"users\": [");
    Result json = flowc(new CountDownLatch(1), "", new ByteArrayOutputStream(), "serve", ONBOARDING.toString(),
        "--users", users.toString(), "--data", dir.resolve("data").toString());
    assertEquals(2, json.exit());
    assertTrue(json.err().contains("is not valid JSON"), json.err());
    assertFalse(json.err().contains("Exception"), json.err());
  }

  private String hash(String password) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Result result = flowc(new CountDownLatch(1), password + "\n", out, "serve", "--hash-password");
    assertEquals(0, result.exit(), result.err());
    String hash = result.out().strip();
    assertTrue(hash.startsWith("$2a$10$"), hash);
    return hash;
  }
}
