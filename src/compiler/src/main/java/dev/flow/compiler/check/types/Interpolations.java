package dev.flow.compiler.check.types;

import dev.flow.compiler.ast.Expr;
import java.util.ArrayList;
import java.util.List;

/** Builds the interpolated string that replaces a {@code +} on {@code Text} in E206's help. */
final class Interpolations {
  private Interpolations() {}

  /** {@code "Hello {name}"} for {@code "Hello " + name}; {@code "{a}{b}"} when a part is not simple. */
  static String hint(Expr left, Expr right) {
    List<Expr> parts = new ArrayList<>();
    flatten(left, parts);
    flatten(right, parts);
    StringBuilder s = new StringBuilder("\"");
    for (Expr p : parts) {
      if (p instanceof Expr.StringLit lit && lit.isPlain()) {
        s.append(escape(lit.plainText()));
      } else if (p instanceof Expr.StringLit lit) {
        String text = lit.span().text();
        s.append(text, 1, Math.max(1, text.length() - 1));
      } else if ((p instanceof Expr.NameRef || p instanceof Expr.FieldAccess) && p.span().text().length() <= 40) {
        s.append('{').append(p.span().text()).append('}');
      } else {
        return "\"{a}{b}\"";
      }
    }
    return s.append('"').toString();
  }

  private static void flatten(Expr e, List<Expr> out) {
    if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ADD) {
      flatten(b.left(), out);
      flatten(b.right(), out);
    } else {
      out.add(e);
    }
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("{", "\\{").replace("\n", "\\n").replace("\t", "\\t");
  }
}
