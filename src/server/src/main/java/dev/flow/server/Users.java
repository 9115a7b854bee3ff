package dev.flow.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.runtime.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The people who may sign in, with their roles and password hashes (BCrypt), read from a users
 * file:
 *
 * <pre>{@code
 * {"users": [
 *   {"name": "ann", "password": "$2a$10$…", "roles": ["AccountManager"]},
 *   {"name": "ops", "password": "$2a$10$…", "roles": ["OperationsLead"], "admin": true}
 * ]}
 * }</pre>
 *
 * <p>Roles are given by simple or qualified name and resolved against the model's roles; an
 * unknown role is an error. An {@code admin} sees every case and process, starts any workflow,
 * publishes events and cancels cases; only a role lets a person act on a task. A user with
 * {@code "publish": true} (another system, say) may publish events through the API.
 */
public final class Users {
  /** A hash checked when the user is unknown, so that a wrong name takes as long as a wrong password. */
  private static final String DUMMY = hash("not a password of anyone");

  /** One person who may sign in. */
  public record User(String name, String passwordHash, Set<String> roles, boolean admin, boolean publish) {
    public User {
      roles = Set.copyOf(roles);
    }

    /** The person as the runtime knows them. */
    public Principal principal() {
      return new Principal(name, roles);
    }
  }

  /** Why a users file cannot be used, in words. */
  public static final class UsersException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsersException(String message) {
      super(message);
    }
  }

  private final Map<String, User> byName;

  public Users(Collection<User> users) {
    Map<String, User> map = new LinkedHashMap<>();
    for (User user : users) {
      if (map.put(user.name(), user) != null) {
        throw new UsersException("the user `" + user.name() + "` is listed twice");
      }
    }
    this.byName = java.util.Collections.unmodifiableMap(map);
  }

  /** The BCrypt hash of a password, for the users file. */
  public static String hash(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt());
  }

  /**
   * Reads a users file.
   *
   * @param roles the qualified names of the model's roles (to resolve simple names)
   * @throws UsersException when it cannot be read or does not fit, saying where and why
   */
  public static Users read(Path file, Collection<String> roles) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsersException("cannot read the users file " + file + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    return parse(text, file.toString(), roles);
  }

  /** Reads the text of a users file; {@code where} names it in messages. */
  public static Users parse(String text, String where, Collection<String> roles) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new UsersException(where + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (root == null || !root.isObject() || !root.path("users").isArray()) {
      throw new UsersException(where + " must hold a JSON object with a list of users: {\"users\": [{\"name\": …,"
          + " \"password\": BCRYPT-HASH, \"roles\": [ROLE, …]}]}");
    }
    List<User> users = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.path("users")) {
      index++;
      String at = where + ", user " + index;
      String name = text(node, "name", at);
      at = where + ", user `" + name + "`";
      String hash = text(node, "password", at);
      if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
        throw new UsersException(at + ": the password must be a BCrypt hash ($2a$10$…), never the password itself;"
            + " make one with `flowc serve --hash-password`");
      }
      Set<String> resolved = new LinkedHashSet<>();
      JsonNode list = node.path("roles");
      if (!list.isMissingNode() && !list.isArray()) {
        throw new UsersException(at + ": roles must be a list of role names");
      }
      for (Iterator<JsonNode> it = list.elements(); it.hasNext();) {
        JsonNode role = it.next();
        if (!role.isTextual()) {
          throw new UsersException(at + ": roles must be a list of role names");
        }
        resolved.add(resolveRole(role.asText(), roles, at));
      }
      JsonNode admin = node.path("admin");
      if (!admin.isMissingNode() && !admin.isBoolean()) {
        throw new UsersException(at + ": admin must be true or false");
      }
      JsonNode publish = node.path("publish");
      if (!publish.isMissingNode() && !publish.isBoolean()) {
        throw new UsersException(at + ": publish must be true or false");
      }
      users.add(new User(name, hash, resolved, admin.asBoolean(false), publish.asBoolean(false)));
    }
    if (users.isEmpty()) {
      throw new UsersException(where + " lists no users: nobody could sign in");
    }
    return new Users(users);
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new UsersException(at + ": `" + field + "` is missing (a text is needed)");
    }
    return value.asText();
  }

  private static String resolveRole(String given, Collection<String> roles, String at) {
    if (roles.contains(given)) {
      return given;
    }
    List<String> matches = roles.stream().filter(r -> r.endsWith("." + given)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new UsersException(at + ": the model has no role `" + given + "`; its roles: "
          + String.join(", ", roles.stream().map(r -> r.substring(r.lastIndexOf('.') + 1)).sorted().toList()));
    }
    throw new UsersException(at + ": `" + given + "` names several roles; give the qualified name: "
        + String.join(", ", matches));
  }

  /** The user whose name and password these are, if any. */
  public Optional<User> authenticate(String name, String password) {
    User user = name == null ? null : byName.get(name);
    if (user == null || password == null) {
      matches(password == null ? "" : password, DUMMY);
      return Optional.empty();
    }
    return matches(password, user.passwordHash()) ? Optional.of(user) : Optional.empty();
  }

  private static boolean matches(String password, String hash) {
    try {
      return BCrypt.checkpw(password, hash);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A user by name. */
  public Optional<User> user(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every user, in the file's order. */
  public Collection<User> all() {
    return byName.values();
  }
}
