package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.check.resolve.Recorder;
import java.util.Optional;

/**
 * The types of literals, and the recording of literals that stand outside expressions: the
 * durations of {@code within}, {@code timeout}, {@code deadline} and {@code target}, the parts
 * of a retry policy, the text of a cron.
 */
public final class LiteralTypes {
  private LiteralTypes() {}

  /** The type of a literal; null for anything else. */
  static Type of(Expr e) {
    if (e instanceof Expr.IntLit) {
      return Type.INT;
    }
    if (e instanceof Expr.DecimalLit) {
      return Type.DECIMAL;
    }
    if (e instanceof Expr.BoolLit) {
      return Type.BOOL;
    }
    if (e instanceof Expr.NoneLit) {
      return Type.NONE;
    }
    if (e instanceof Expr.DurationLit) {
      return Type.DURATION;
    }
    if (e instanceof Expr.TimestampLit) {
      return Type.TIMESTAMP;
    }
    if (e instanceof Expr.DateLit) {
      return Type.DATE;
    }
    if (e instanceof Expr.StringLit) {
      return Type.TEXT;
    }
    return null;
  }

  /** Records the type of a literal that is not part of a checked expression. */
  public static void record(Expr e, Recorder recorder) {
    Type t = of(e);
    recorder.type(e, t == null ? Type.ERROR : t);
  }

  public static void record(Optional<? extends Expr> e, Recorder recorder) {
    e.ifPresent(x -> record(x, recorder));
  }

  /** Records the literals of a retry policy. */
  public static void record(Decl.RetryPolicy retry, Recorder recorder) {
    record(retry.every(), recorder);
    record(retry.backoff(), recorder);
    record(retry.atMost(), recorder);
    record(retry.within(), recorder);
  }
}
