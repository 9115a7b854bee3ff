package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import java.util.List;
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
    // `match upper(country)` asks which country: a call on one value is about that value.
    Expr about = subject;
    while (about instanceof Expr.FunctionCall c && c.arguments().size() == 1) {
      about = c.arguments().get(0);
    }
    return "Which " + shorten(phrase(about)).toLowerCase(Locale.ROOT) + "?";
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

  /** A phrase for an expression, in lower case unless a name is an acronym: no operator symbols, brackets or dots. */
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
      return "minus " + phrase(u.operand());
    }
    if (e instanceof Expr.FunctionCall c) {
      return call(c);
    }
    if (e instanceof Expr.ListLit l) {
      return list(l.elements(), "and");
    }
    if (e instanceof Expr.Construct c) {
      return "a " + words(c.type().text());
    }
    if (e instanceof Expr.Collected) {
      return "the collected results";
    }
    return ExprPrinter.print(e);
  }

  /**
   * Who or what a value names, in words: {@code intake.email} is "intake email",
   * {@code account.billingEmail} is "billing email" (a field of several words says enough on its
   * own), {@code approve.completedBy} is "whoever did approve".
   */
  public static String subject(Expr e) {
    if (e instanceof Expr.FieldAccess f) {
      if (f.field().text().equals("completedBy")) {
        return "whoever did " + phrase(f.target());
      }
      boolean oneWord = Words.split(f.field().text()).size() == 1;
      return oneWord && (f.target() instanceof Expr.NameRef || f.target() instanceof Expr.FieldAccess)
          ? phrase(f.target()) + " " + phrase(f) : phrase(f);
    }
    if (e instanceof Expr.FunctionCall c && c.arguments().size() == 1) {
      return subject(c.arguments().get(0));
    }
    return phrase(e);
  }

  /**
   * A message in words: a string's text with each interpolation as its subject in guillemets
   * ({@code "payment of {request.reference} failed"} is "payment of «request reference» failed"),
   * an error built with arguments as its name in words, anything else as its phrase.
   */
  public static String message(Expr e) {
    if (e instanceof Expr.StringLit s) {
      StringBuilder out = new StringBuilder();
      for (Expr.StringPart part : s.parts()) {
        if (part instanceof Expr.TextPart t) {
          out.append(t.text());
        } else {
          out.append('\u00ab').append(subject(((Expr.Interpolation) part).expr())).append('\u00bb');
        }
      }
      return out.toString();
    }
    if (e instanceof Expr.Construct c) {
      return Words.humanize(c.type().text());
    }
    return phrase(e);
  }

  /** A call in words: {@code len(items)} is "len of items", {@code now()} is "now". */
  private static String call(Expr.FunctionCall c) {
    String name = words(c.function().text());
    if (c.arguments().isEmpty()) {
      return name;
    }
    return name + " of " + list(c.arguments(), "and");
  }

  /** Values in words joined as a list: "senior, lead or principal"; an empty list is "nothing". */
  private static String list(List<Expr> values, String last) {
    if (values.isEmpty()) {
      return "nothing";
    }
    List<String> words = values.stream().map(Questions::value).toList();
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " " + last + " " + words.get(words.size() - 1);
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
        if (b.right() instanceof Expr.BoolLit bool) {
          return bool.value() ? "not " + left : left;
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
        // "Seniority is senior or principal?": membership of a list written out is a choice of values.
        return b.right() instanceof Expr.ListLit l ? left + " is " + list(l.elements(), "or")
            : left + " among " + phrase(b.right());
      case ADD:
        return left + " plus " + value(b.right());
      case SUB:
        return left + " minus " + value(b.right());
      case MUL:
        return left + " times " + value(b.right());
      case DIV:
        return left + " divided by " + value(b.right());
      case ELVIS:
        // The default for a missing value is a detail: the question is about the value.
        return left;
      default:
        return ExprPrinter.print(b);
    }
  }

  /** A value compared with: an enum constant or a name in words, a number or a date as written. */
  private static String value(Expr e) {
    if (e instanceof Expr.IntLit || e instanceof Expr.DecimalLit || e instanceof Expr.DateLit
        || e instanceof Expr.TimestampLit || e instanceof Expr.BoolLit) {
      return ExprPrinter.print(e);
    }
    if (e instanceof Expr.NoneLit) {
      return "none";
    }
    return phrase(e);
  }

  private static String words(String identifier) {
    String human = Words.humanize(identifier);
    String first = human.split(" ", 2)[0];
    boolean acronym = first.length() > 1 && first.equals(first.toUpperCase(Locale.ROOT));
    return acronym ? human : human.substring(0, 1).toLowerCase(Locale.ROOT) + human.substring(1);
  }
}
