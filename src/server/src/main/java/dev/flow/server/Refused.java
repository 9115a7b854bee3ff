package dev.flow.server;

/** A request the server refuses, with the HTTP status and why in words (shown to the person, never a stack trace). */
final class Refused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  Refused(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static Refused notFound(String what) {
    return new Refused(404, "there is no " + what);
  }

  static Refused forbidden(String what) {
    return new Refused(403, "you may not " + what);
  }
}
