package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.Expr;
import dev.flow.compiler.ast.ExprPrinter;
import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.check.types.Type;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

  /**
   * A condition in words as a diagram asks it, without the question mark and in lower case unless it
   * starts with an acronym: {@code size(shortlist) == 0} is "shortlist empty", for a sentence ("if
   * shortlist empty").
   */
  public static String condition(Expr condition) {
    return shorten(phrase(condition));
  }

  /**
   * Whether a condition is a negation a reader takes in better the other way round: {@code not
   * holdRequest.wait}, {@code x == false}, {@code x != true}. A chart asks {@link #positive} instead
   * ("Wait?" rather than "Not wait?") and swaps its yes and no.
   */
  public static boolean negated(Expr condition) {
    if (condition instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      return true;
    }
    return condition instanceof Expr.Binary b && b.right() instanceof Expr.BoolLit bool
        && (b.op() == Expr.BinaryOp.EQ && !bool.value() || b.op() == Expr.BinaryOp.NE && bool.value());
  }

  /** What a {@link #negated} condition negates; any other condition as it is. */
  public static Expr positive(Expr condition) {
    if (condition instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      return u.operand();
    }
    return negated(condition) ? ((Expr.Binary) condition).left() : condition;
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
   * own), {@code request.requester} is "the requester" (the owner's name is in the field's), {@code approve.completedBy}
   * is "whoever did approve".
   */
  public static String subject(Expr e) {
    if (e instanceof Expr.FieldAccess f) {
      if (f.field().text().equals("completedBy")) {
        return "whoever did " + phrase(f.target());
      }
      boolean oneWord = Words.split(f.field().text()).size() == 1;
      if (!oneWord || !(f.target() instanceof Expr.NameRef || f.target() instanceof Expr.FieldAccess)) {
        return phrase(f);
      }
      String owner = phrase(f.target());
      String field = phrase(f);
      // request.requester is "the requester", not "request requester": the owner says again what the field says.
      return field.startsWith(owner.substring(owner.lastIndexOf(' ') + 1)) ? "the " + field : owner + " " + field;
    }
    if (e instanceof Expr.FunctionCall c && c.arguments().size() == 1) {
      return subject(c.arguments().get(0));
    }
    return phrase(e);
  }

  /**
   * Whom a notification to an address goes to, as a reader would say it: the person the address
   * belongs to rather than the path to it. {@code application.applicant} is "the applicant",
   * {@code hire.email} "the hire", {@code active.clientEmail} "the client", {@code lender} "the
   * lender"; an address of a kind rather than a person keeps its word ({@code account.billingEmail}
   * is "the billing email"), {@code approve.completedBy} is "whoever did approve".
   */
  public static String recipient(Expr e) {
    return recipient(e, null);
  }

  /**
   * {@link #recipient(Expr)}, telling from the owner's type whether the owner of an address is a
   * person or a record about one: {@code hire.email} of a {@code Candidate} (a record with a
   * {@code name}) is "the hire"; {@code intake.email} of an event with a {@code contactName} is
   * "the intake contact"; of an event with no one named in it, "the intake email".
   *
   * @param model the checked model the expression belongs to, or {@code null} when there is none
   */
  public static String recipient(Expr e, SemanticModel model) {
    if (e instanceof Expr.FunctionCall c && c.arguments().size() == 1) {
      return recipient(c.arguments().get(0), model);
    }
    String name;
    if (e instanceof Expr.NameRef n) {
      name = n.name().text();
    } else if (e instanceof Expr.FieldAccess f && !f.field().text().equals("completedBy")) {
      name = f.field().text();
    } else {
      return subject(e);
    }
    List<String> words = Words.split(name);
    if (words.isEmpty()) {
      return subject(e); // a name of underscores only has no words to speak of
    }
    String last = words.get(words.size() - 1).toLowerCase(Locale.ROOT);
    if (!ADDRESSES.contains(last)) {
      return "the " + words(name);
    }
    if (words.size() == 1) {
      // hire.email: the owner of the address; an address of no one (an input "email") as it is.
      return e instanceof Expr.FieldAccess f && (f.target() instanceof Expr.NameRef || f.target() instanceof Expr.FieldAccess)
          ? owner(f, model) : subject(e);
    }
    String owner = String.join("_", words.subList(0, words.size() - 1));
    return KINDS_OF_ADDRESS.contains(words.get(0).toLowerCase(Locale.ROOT)) ? "the " + words(name) : "the " + words(owner);
  }

  /**
   * Whom {@code owner.email} reaches: the owner itself when its type is a person's record or
   * unknown; the person named in a record about someone ({@code contactName}: "the intake
   * contact"); else, for an event, the event's address ("the booking email").
   */
  private static String owner(Expr.FieldAccess address, SemanticModel model) {
    String owner = recipient(address.target(), model);
    if (model == null) {
      return owner;
    }
    Type type = model.typeOf(address.target());
    while (type instanceof Type.Optional o) {
      type = o.inner();
    }
    if (!(type instanceof Type.Declared d) || !(d.decl() instanceof Decl.RecordDecl || d.decl() instanceof Decl.EventDecl)) {
      return owner;
    }
    List<String> fields = (d.decl() instanceof Decl.RecordDecl r ? r.fields() : ((Decl.EventDecl) d.decl()).fields())
        .stream().map(f -> f.name().text()).toList();
    if (fields.contains("name")) {
      return owner; // the record is the person: a candidate's email reaches the candidate
    }
    List<String> named = fields.stream().filter(f -> f.endsWith("Name") && Words.split(f).size() == 2).toList();
    if (named.size() == 1) {
      return owner + " " + words(Words.split(named.get(0)).get(0)); // intake.email with contactName: "the intake contact"
    }
    return d.decl() instanceof Decl.EventDecl ? "the " + subject(address) : owner; // "the booking email"
  }

  /**
   * What a loop takes one at a time, in words: the items' declared type when they are records or
   * events ({@code active} in a list of {@code ActiveProject} is "active project", {@code other} in
   * a list of {@code Candidate} "candidate"), else the loop variable's name in words.
   *
   * @param model the checked model the loop belongs to, or {@code null} when there is none
   */
  public static String item(String variable, Expr iterable, SemanticModel model) {
    Type type = model == null ? Type.ERROR : model.typeOf(iterable);
    while (type instanceof Type.Optional o) {
      type = o.inner();
    }
    if (type instanceof Type.ListOf l && l.element() instanceof Type.Declared d
        && (d.decl() instanceof Decl.RecordDecl || d.decl() instanceof Decl.EventDecl)) {
      return words(d.decl() instanceof Decl.RecordDecl r ? r.name().text() : ((Decl.EventDecl) d.decl()).name().text());
    }
    return words(variable);
  }

  /** The last word of a name that is an address rather than a person: {@code clientEmail}. */
  private static final java.util.Set<String> ADDRESSES = java.util.Set.of("email", "mail", "address", "phone", "mobile");

  /** The first word of an address that names a kind of address, not its owner: {@code billingEmail}. */
  private static final java.util.Set<String> KINDS_OF_ADDRESS = java.util.Set.of("billing", "work", "home",
      "personal", "primary", "secondary", "support", "notification", "reply", "admin", "alert", "invoice");

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
    Optional<Expr> counted = counted(b.left());
    if (counted.isPresent() && b.right() instanceof Expr.IntLit n) {
      // "Shortlist empty?" rather than "Size of shortlist is 0?".
      if (n.value() == 0 && (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.LE)) {
        return phrase(counted.get()) + " empty";
      }
      if (n.value() == 0 && (b.op() == Expr.BinaryOp.NE || b.op() == Expr.BinaryOp.GT)
          || n.value() == 1 && b.op() == Expr.BinaryOp.GE) {
        return phrase(counted.get()) + " not empty";
      }
    }
    Optional<String> compared = comparedInWords(b);
    if (compared.isPresent()) {
      return compared.get();
    }
    if ((b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE) && b.left() instanceof Expr.FieldAccess l
        && b.right() instanceof Expr.FieldAccess r && l.field().text().equals(r.field().text())
        && !phrase(l.target()).equals(phrase(r.target()))) {
      // The same field of two records: "Hire and opening seniority differ?" rather than "Seniority is not seniority?".
      return phrase(l.target()) + " and " + phrase(r.target()) + " " + left + (b.op() == Expr.BinaryOp.EQ ? " match" : " differ");
    }
    return binary(b.op(), left, null, b);
  }

  /**
   * Comparisons a business reader says otherwise than the operators read: a difference of dates against a duration
   * ({@code today() - lastContact > 30d} is "last contact more than 30 days ago", {@code endDate - startDate > 90d}
   * "longer than 90 days"), a number over zero ({@code received > 0} is "any received", {@code a + b > 0} "any a or
   * b") and a multiple ({@code budget * 2} is "twice the budget", {@code band * 1.1} "110% of the band").
   */
  private static Optional<String> comparedInWords(Expr.Binary b) {
    String than = switch (b.op()) {
      case GT -> "more than";
      case GE -> "at least";
      case LT -> "less than";
      case LE -> "at most";
      default -> "";
    };
    if (!than.isEmpty() && b.left() instanceof Expr.Binary d && d.op() == Expr.BinaryOp.SUB
        && b.right() instanceof Expr.DurationLit duration) {
      String span = duration(duration);
      if (today(d.left())) {
        return Optional.of(phrase(d.right()) + " " + than + " " + span + " ago");
      }
      String later = phrase(d.left());
      String earlier = phrase(d.right());
      if (later.contains("end") && earlier.contains("start")) {
        return Optional.of((than.equals("more than") ? "longer than" : than.equals("less than") ? "shorter than" : than)
            + " " + span);
      }
      return Optional.of(later + " " + than + " " + span + " after " + earlier);
    }
    boolean overZero = zero(b.right()) && (b.op() == Expr.BinaryOp.GT || b.op() == Expr.BinaryOp.NE)
        || b.right() instanceof Expr.IntLit one && one.value() == 1 && b.op() == Expr.BinaryOp.GE;
    if (overZero && !today(b.left()) && !(b.left() instanceof Expr.Binary sub && sub.op() == Expr.BinaryOp.SUB)) {
      List<String> terms = new java.util.ArrayList<>();
      addends(b.left(), terms);
      return Optional.of("any " + String.join(" or ", terms));
    }
    if (b.right() instanceof Expr.IntLit n && (b.left() instanceof Expr.NameRef || b.left() instanceof Expr.FieldAccess)
        && plural(phrase(b.left()))) {
      // A count against a whole number: "at least 3 drafts", "fewer than 3 reminders sent" ("drafts at least 3" reads
      // like code).
      Optional<String> few = fewer(b.op());
      if (few.isPresent()) {
        return Optional.of(few.get() + " " + value(n) + " " + phrase(b.left()));
      }
    }
    if (b.right() instanceof Expr.Binary m && m.op() == Expr.BinaryOp.MUL && !than.isEmpty()) {
      Optional<String> multiple = multiple(m.right(), m.left()).or(() -> multiple(m.left(), m.right()));
      if (multiple.isPresent()) {
        String word = b.op() == Expr.BinaryOp.GT ? "over" : b.op() == Expr.BinaryOp.LT ? "under" : than;
        return Optional.of(phrase(b.left()) + " " + word + " " + multiple.get());
      }
    }
    return Optional.empty();
  }

  /** How a count compares: "at least", "more than", "fewer than", "at most"; empty for other operators. */
  private static Optional<String> fewer(Expr.BinaryOp op) {
    return switch (op) {
      case GE -> Optional.of("at least");
      case GT -> Optional.of("more than");
      case LT -> Optional.of("fewer than");
      case LE -> Optional.of("at most");
      default -> Optional.empty();
    };
  }

  /** Whether words name things counted: one of them a plural ("drafts", "reminders sent"; not "status", "address"). */
  private static boolean plural(String words) {
    for (String w : words.split(" ")) {
      if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A condition in words where {@code counters} are the workflow's counters (an {@code Int} it adds one to): a
   * counter against a whole number says how often, {@code warm >= 3} is "warm 3 times", {@code warm < 3} "warm fewer
   * than 3 times"; else {@link #phrase}.
   */
  static String phrase(Expr e, java.util.Set<String> counters) {
    if (e instanceof Expr.Binary b && b.left() instanceof Expr.NameRef ref && counters.contains(ref.name().text())
        && b.right() instanceof Expr.IntLit n && !plural(phrase(b.left())) && n.value() > 1) {
      // Counted up one at a time, "at least 3" is reached at 3: "warm 3 times".
      Optional<String> few = b.op() == Expr.BinaryOp.GE ? Optional.of("") : fewer(b.op());
      if (few.isPresent()) {
        return phrase(b.left()) + " " + (few.get().isEmpty() ? "" : few.get() + " ") + value(n) + " times";
      }
    }
    return phrase(e);
  }

  private static boolean zero(Expr e) {
    return e instanceof Expr.IntLit n && n.value() == 0 || e instanceof Expr.DecimalLit d && d.value().signum() == 0;
  }

  /** The terms of a sum in words: {@code a + b} is "a", "b". */
  private static void addends(Expr e, List<String> out) {
    if (e instanceof Expr.Binary p && p.op() == Expr.BinaryOp.ADD) {
      addends(p.left(), out);
      addends(p.right(), out);
    } else {
      out.add(phrase(e));
    }
  }

  /** {@code factor} times {@code of} in words, when the factor is a number: "twice the budget", "110% of the band". */
  private static Optional<String> multiple(Expr factor, Expr of) {
    if (!(of instanceof Expr.NameRef || of instanceof Expr.FieldAccess)) {
      return Optional.empty();
    }
    String what = "the " + phrase(of);
    if (factor instanceof Expr.IntLit n && n.value() >= 2) {
      String[] times = {"", "", "twice", "three times", "four times", "five times"};
      return Optional.of((n.value() < times.length ? times[(int) n.value()] : n.value() + " times") + " " + what);
    }
    if (factor instanceof Expr.DecimalLit d && d.value().signum() > 0) {
      java.math.BigDecimal percent = d.value().movePointRight(2).stripTrailingZeros();
      if (percent.scale() <= 0) {
        return Optional.of(percent.toPlainString() + "% of " + what);
      }
    }
    return Optional.empty();
  }

  /** A duration in words: {@code 90d} is "90 days", {@code 1h} "1 hour". */
  private static String duration(Expr.DurationLit d) {
    long seconds = d.value().toSeconds();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"day", "hour", "minute", "second"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds > 0 && seconds % sizes[i] == 0) {
        long n = seconds / sizes[i];
        return n + " " + units[i] + (n == 1 ? "" : "s");
      }
    }
    return d.text();
  }

  /** Whether {@code e} is the date or time of now: {@code today()}, {@code now()}. */
  private static boolean today(Expr e) {
    return e instanceof Expr.FunctionCall c && c.arguments().isEmpty()
        && (c.function().text().equals("today") || c.function().text().equals("now"));
  }

  /** What {@code size(x)} or {@code len(x)} counts. */
  private static Optional<Expr> counted(Expr e) {
    return e instanceof Expr.FunctionCall c && c.arguments().size() == 1
        && (c.function().text().equals("size") || c.function().text().equals("len"))
        ? Optional.of(c.arguments().get(0)) : Optional.empty();
  }

  /** An operator in words between {@code left} and the right side ({@code right} in words, or null: its value). */
  private static String binary(Expr.BinaryOp op, String left, String right, Expr.Binary b) {
    String other = right != null ? right : value(b.right());
    switch (op) {
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
        return left + " is " + other;
      case NE:
        if (b.right() instanceof Expr.NoneLit) {
          return left + " given";
        }
        if (b.right() instanceof Expr.BoolLit bool) {
          return bool.value() ? "not " + left : left;
        }
        return left + " is not " + other;
      case LT:
        return today(b.left()) ? "before " + other : left + " under " + other;
      case LE:
        return left + " at most " + other;
      case GT:
        // "Past due date?", not "Today over due date?".
        return today(b.left()) ? "past " + other : left + " over " + other;
      case GE:
        return left + " at least " + other;
      case IN:
        // "Seniority is senior or principal?": membership of a list written out is a choice of values.
        return b.right() instanceof Expr.ListLit l ? left + " is " + list(l.elements(), "or")
            : left + " among " + phrase(b.right());
      case ADD:
        return left + " plus " + other;
      case SUB:
        return left + " minus " + other;
      case MUL:
        return left + " times " + other;
      case DIV:
        return left + " divided by " + other;
      case ELVIS:
        // The default for a missing value is a detail: the question is about the value.
        return left;
      default:
        return ExprPrinter.print(b);
    }
  }

  /** A range pattern of a {@code match} in words: {@code < 700} is "under 700", {@code >= 10_000} "at least 10,000". */
  public static String range(String operator, Expr bound) {
    String words = switch (operator) {
      case "<" -> "under";
      case "<=" -> "at most";
      case ">" -> "over";
      case ">=" -> "at least";
      default -> operator;
    };
    return words + " " + value(bound);
  }

  /** A value compared with: an enum constant or a name in words, a number or a date as written. */
  private static String value(Expr e) {
    if (e instanceof Expr.IntLit n) {
      return String.format(Locale.ROOT, "%,d", n.value()); // 20,000 rather than 20_000
    }
    if (e instanceof Expr.DecimalLit d) {
      return d.value().toPlainString();
    }
    if (e instanceof Expr.DateLit
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
