package com.acme.onboarding.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server, through its JSON API, as another tool (or a person's browser) would use it. */
class ServeTest {
  private static final String INTAKE = "{\"type\": \"IntakeSubmitted\", \"event\": {\"client\": \"Globex\","
      + " \"contactName\": \"Hank\", \"email\": \"hank@globex.example\", \"tier\": \"Growth\", \"needsNda\": true,"
      + " \"documents\": []}}";

  @TempDir
  Path data;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> call(Serve serve, String user, String method, String path, String body) {
    String password = user + "-demo";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + path + ": " + e, e);
    }
  }

  private static String taskId(String tasks, String step) {
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"[^}]*\"step\"\\s*:\\s*\"" + step + "\"").matcher(tasks);
    assertTrue(m.find(), "no " + step + " task in " + tasks);
    return m.group(1);
  }

  @Test
  void peopleWorkThroughTheServerAndTheirCasesOutliveARestart() {
    Path users = Path.of("users.json");
    try (Serve serve = new Serve(0, data, users)) {
      assertEquals(200, call(serve, "admin", "POST", "/api/events", INTAKE).statusCode());
      HttpResponse<String> forLeo = call(serve, "leo", "GET", "/api/tasks", null);
      assertEquals(200, forLeo.statusCode());
      String nda = taskId(forLeo.body(), "ndaReview");
      assertEquals(403, call(serve, "pat", "POST", "/api/tasks/" + nda + "/approve", "{}").statusCode(),
          "a project lead may not approve for Legal");
      assertEquals(200, call(serve, "leo", "POST", "/api/tasks/" + nda + "/approve",
          "{\"comment\": \"standard NDA\"}").statusCode());
      assertTrue(serve.engine().instances().stream().anyMatch(i -> i.workflow().endsWith("DocumentCollection")));
    }
    // The journal keeps the case: after a restart the account manager's task is there.
    try (Serve again = new Serve(0, data, users)) {
      HttpResponse<String> forAnn = call(again, "ann", "GET", "/api/tasks", null);
      assertEquals(200, forAnn.statusCode());
      taskId(forAnn.body(), "assignChecklist");
      assertEquals(401, call(again, "nobody", "GET", "/api/tasks", null).statusCode());
    }
  }
}
