package dev.flow.server;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One person's browser session (cookies, the CSRF token of the last page) or API client, for tests. */
final class Http {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final String base;
  private final HttpClient client;
  private String csrf;
  private String basic;

  Http(String base) {
    this.base = base;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** An API client that sends HTTP Basic credentials with every request. */
  static Http basic(String base, String user, String password) {
    Http http = new Http(base);
    http.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return http;
  }

  /** Signs in through the login form (as a browser does). */
  Http login(String user, String password) {
    HttpResponse<String> page = get("/login");
    if (page.statusCode() != 200) {
      throw new AssertionError("GET /login: " + page.statusCode());
    }
    HttpResponse<String> done = form("/login", "name", user, "password", password, "next", "/inbox");
    if (done.statusCode() != 302) {
      throw new AssertionError("login of " + user + " failed: " + done.statusCode() + " " + done.body());
    }
    get("/inbox");
    return this;
  }

  String csrf() {
    return csrf;
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  /** A form POST with the session's CSRF token. */
  HttpResponse<String> form(String path, String... pairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (csrf != null) {
      fields.put("_csrf", csrf);
    }
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    return formRaw(path, fields);
  }

  HttpResponse<String> formRaw(String path, Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  /** A JSON POST: with the session's token in X-CSRF-Token when signed in by session. */
  HttpResponse<String> post(String path, String json) {
    HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (csrf != null && basic == null) {
      request.header("X-CSRF-Token", csrf);
    }
    return send(request.build());
  }

  /** A JSON POST without any CSRF token. */
  HttpResponse<String> postWithoutToken(String path, String json) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  /** Signs in through the API: the session cookie and the CSRF token it returns. */
  Http apiLogin(String user, String password) {
    HttpResponse<String> response = postWithoutToken("/api/session",
        "{\"name\": \"" + user + "\", \"password\": \"" + password + "\"}");
    if (response.statusCode() != 200) {
      throw new AssertionError("API login of " + user + " failed: " + response.statusCode() + " " + response.body());
    }
    Matcher m = Pattern.compile("\"csrfToken\":\"([^\"]+)\"").matcher(response.body());
    if (!m.find()) {
      throw new AssertionError("no token in " + response.body());
    }
    csrf = m.group(1);
    return this;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (basic != null) {
      builder.header("Authorization", basic);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(response.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return response;
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
