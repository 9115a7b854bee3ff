package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.Stmt;
import java.util.Optional;

/**
 * Recognises a condition that tests an approval's outcome and nothing else: {@code a.approved},
 * {@code not a.approved}, {@code a.approved == false} and the like. An approval followed by an
 * {@code if} on such a condition is drawn as one decision with approved and rejected edges.
 */
public final class ApprovalTest {
  private ApprovalTest() {}

  /** Whether the condition holds when the approval was approved (true) or rejected (false); empty for anything else. */
  public static Optional<Boolean> of(Stmt.Approval approval, Expr condition) {
    if (isApproved(approval, condition)) {
      return Optional.of(true);
    }
    if (condition instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      return of(approval, u.operand()).map(b -> !b);
    }
    if (condition instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE)) {
      Optional<Boolean> sideways = compare(approval, b.left(), b.right()).or(() -> compare(approval, b.right(), b.left()));
      return sideways.map(v -> b.op() == Expr.BinaryOp.EQ ? v : !v);
    }
    return Optional.empty();
  }

  private static Optional<Boolean> compare(Stmt.Approval approval, Expr test, Expr literal) {
    if (literal instanceof Expr.BoolLit lit) {
      return of(approval, test).map(v -> v == lit.value());
    }
    return Optional.empty();
  }

  private static boolean isApproved(Stmt.Approval approval, Expr e) {
    return e instanceof Expr.FieldAccess f && f.field().text().equals("approved")
        && f.target() instanceof Expr.NameRef ref && ref.name().text().equals(approval.name().text());
  }
}
