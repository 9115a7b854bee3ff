package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import java.util.Locale;

/**
 * A condition as a short question in words, for people who do not read expressions:
 * {@code intake.needsContract} is "Needs contract?", {@code claim.receiptUrl == none} is "Receipt
 * url missing?", {@code review.recommendation == Recommendation.StrongNo} is "Recommendation is
 * strong no?", {@code budgetUsed > 1.1} is "Budget used over 1.1?". The full expression goes
 * where a reader who wants it finds it (a tooltip, the documentation, {@code --detail}).
 */
public final class Questions {
  private Questions() {}

  /** Questions longer than this are cut after a whole word, with an ellipsis. */
  static final int MAX = 40;

  /** A condition as a yes/no question. */
  public static String of(Expr condition) {
    return capitalize(shorten(phrase(condition))) + "?";
  }

  /** A match subject as a question: "Which recommendation?". */
  public static String which(Expr subject) {
    return "Which " + shorten(phrase(subject)).toLowerCase(Locale.ROOT) + "?";
  }

  /** The first letter in upper case. */
  public static String capitalize(String text) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }

  private static String shorten(String text) {
    if (text.length() <= MAX) {
      return text;
    }
    int cut = text.lastIndexOf(' ', MAX);
    return (cut > 0 ? text.substring(0, cut) : text.substring(0, MAX)) + " …";
  }

  /** A phrase for an expression, in lower case unless a name is an acronym. */
  static String phrase(Expr e) {
    if (e instanceof Expr.NameRef n) {
      return words(n.name().text());
    }
    if (e instanceof Expr.FieldAccess f) {
      return words(f.field().text());
    }
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      return "not " + phrase(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    if (e instanceof Expr.Unary u) {
      return "-" + phrase(u.operand());
    }
    if (e instanceof Expr.FunctionCall c) {
      return words(c.function().text());
    }
    return ExprPrinter.print(e);
  }

  private static String binary(Expr.Binary b) {
    String left = phrase(b.left());
    switch (b.op()) {
      case AND:
        return left + " and " + phrase(b.right());
      case OR:
        return left + " or " + phrase(b.right());
      case EQ:
        if (b.right() instanceof Expr.NoneLit) {
          return left + " missing";
        }
        if (b.right() instanceof Expr.BoolLit bool) {
          return bool.value() ? left : "not " + left;
        }
        return left + " is " + value(b.right());
      case NE:
        if (b.right() instanceof Expr.NoneLit) {
          return left + " given";
        }
        return left + " is not " + value(b.right());
      case LT:
        return left + " under " + value(b.right());
      case LE:
        return left + " at most " + value(b.right());
      case GT:
        return left + " over " + value(b.right());
      case GE:
        return left + " at least " + value(b.right());
      case IN:
        return left + " in " + value(b.right());
      case ADD:
      case SUB:
      case MUL:
      case DIV:
      case ELVIS:
        // Arithmetic in words would be long and no clearer: the names it uses say what it is about.
        return left + " " + b.op().symbol() + " " + phrase(b.right());
      default:
        return ExprPrinter.print(b);
    }
  }

  /** A value compared with: an enum constant or a name in words, a literal as written. */
  private static String value(Expr e) {
    if (e instanceof Expr.FieldAccess || e instanceof Expr.NameRef) {
      return phrase(e);
    }
    return ExprPrinter.print(e);
  }

  private static String words(String identifier) {
    String human = Words.humanize(identifier);
    String first = human.split(" ", 2)[0];
    boolean acronym = first.length() > 1 && first.equals(first.toUpperCase(Locale.ROOT));
    return acronym ? human : human.substring(0, 1).toLowerCase(Locale.ROOT) + human.substring(1);
  }
}
