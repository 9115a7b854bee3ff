package dev.flow.compiler.codegen;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.SourceVersion;

/**
 * Where Java identifiers come from (STYLE.md rule 11): every name the generator writes is made
 * from a Flow name here, so that Java keywords and clashes with generated names get a suffix
 * ({@code _}, as JavaPoet's {@code NameAllocator} does) in one place.
 */
final class JavaNames {
  private JavaNames() {}

  /** Names a type may not have: {@code var}, {@code yield}, {@code record}, {@code sealed}, {@code permits}. */
  static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

  /** Names a record component may not have (JLS §8.10.1): they would clash with {@link Object}'s methods. */
  static final Set<String> FORBIDDEN_COMPONENTS =
      Set.of("clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  /** {@link Object}'s methods, which an interface method must not redeclare by accident. */
  static final Set<String> OBJECT_METHODS = union(FORBIDDEN_COMPONENTS, Set.of("equals"));

  /**
   * The first segments of the packages generated code names in full: a variable or type of such a
   * name would obscure the package (JLS §6.4.2), so that {@code java.util.List} or
   * {@code dev.flow.runtime.FormField} no longer compiles. The model's own package roots are
   * added by {@link JavaModel}.
   */
  static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "dev");

  /** Whether {@code name} is a Java keyword or literal in Java 17 ({@code _} included). */
  static boolean isKeyword(String name) {
    return SourceVersion.isKeyword(name, SourceVersion.RELEASE_17);
  }

  /** {@code createFolder} → {@code CREATE_FOLDER}, {@code step2b} → {@code STEP2B}. */
  static String constantName(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char before = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(before) || Character.isDigit(before) || (Character.isUpperCase(before) && nextLower)) {
          out.append('_');
        }
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }

  /** {@code drive} → {@code Drive}. */
  static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** {@code Drive} → {@code drive}, {@code HRSystem} → {@code hrSystem}, {@code CRM} → {@code crm}. */
  static String decapitalize(String name) {
    int upper = 0;
    while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
      upper++;
    }
    if (upper == 0) {
      return name;
    }
    int cut = upper == name.length() || upper == 1 ? upper : upper - 1;
    return name.substring(0, cut).toLowerCase(Locale.ROOT) + name.substring(cut);
  }

  /**
   * Names of variables every generated class may have in scope ({@code run}'s parameters, the
   * parameters of the form factory and of a {@code starts after} mapping): a package whose first
   * segment is one of them could not be named in full inside their scope.
   */
  static final Set<String> GENERATED_VARIABLES = Set.of("ctx", "input", "values", "outputs");

  /**
   * Every variable or field name generated code uses whatever the model says: the
   * {@link #GENERATED_VARIABLES} and the constants {@code DEFINITION}, {@code FORM} and
   * {@code INSTANCE}. A type of such a name would be obscured by it ({@code INSTANCE.DEFINITION}).
   */
  static final Set<String> FIXED_VARIABLES = Set.of("ctx", "input", "values", "outputs", "DEFINITION", "FORM", "INSTANCE");

  /**
   * The Java package of a Flow package: the same, a segment that is a Java keyword suffixed
   * ({@code new} → {@code new_}), and so is a first segment that is one of
   * {@link #GENERATED_VARIABLES} ({@code input.forms} → {@code input_.forms}).
   */
  static String javaPackage(String flowPackage) {
    if (flowPackage.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String segment : flowPackage.split("\\.")) {
      boolean first = out.length() == 0;
      if (!first) {
        out.append('.');
      }
      out.append(isKeyword(segment) || first && GENERATED_VARIABLES.contains(segment) ? segment + "_" : segment);
    }
    return out.toString();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /**
   * Hands out unique names in one Java namespace (the types of a package, the fields of a class,
   * the components of a record, the locals in scope): a wanted name that is taken or forbidden
   * gets {@code _} appended until it is free. Java keywords are always forbidden.
   */
  static final class Allocator {
    private final Set<String> taken;
    private final Predicate<String> forbidden;
    private final boolean ignoreCase;

    private Allocator(Set<String> taken, Predicate<String> forbidden, boolean ignoreCase) {
      this.taken = taken;
      this.forbidden = forbidden;
      this.ignoreCase = ignoreCase;
    }

    /** Names that must not be keywords or one of {@code reserved}. */
    static Allocator of(Set<String> reserved) {
      return new Allocator(new HashSet<>(), reserved::contains, false);
    }

    /**
     * Type names: not keywords, not restricted identifiers, and unique ignoring case, since
     * {@code Foo.java} and {@code FOO.java} are one file on some file systems.
     */
    static Allocator forTypes(Set<String> reserved) {
      return forTypes(reserved, Set.of());
    }

    /** Type names as {@link #forTypes(Set)}, and none of {@code exact} (package roots), compared with case. */
    static Allocator forTypes(Set<String> reserved, Set<String> exact) {
      Set<String> lower = new HashSet<>();
      reserved.forEach(r -> lower.add(r.toLowerCase(Locale.ROOT)));
      RESTRICTED_TYPE_NAMES.forEach(lower::add);
      return new Allocator(new HashSet<>(), n -> lower.contains(n.toLowerCase(Locale.ROOT)) || exact.contains(n), true);
    }

    /** A unique name as close to {@code wanted} as possible, now taken. */
    String allocate(String wanted) {
      String name = wanted.isEmpty() ? "_" : wanted;
      while (isKeyword(name) || forbidden.test(name) || taken.contains(key(name))) {
        name = name + "_";
      }
      taken.add(key(name));
      return name;
    }

    /** Marks a name as taken without handing it out. */
    void reserve(String name) {
      taken.add(key(name));
    }

    /** Whether a name is taken. */
    boolean isTaken(String name) {
      return taken.contains(key(name));
    }

    /** A copy that starts with this one's names: for a nested scope. */
    Allocator copy() {
      return new Allocator(new HashSet<>(taken), forbidden, ignoreCase);
    }

    private String key(String name) {
      return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
    }
  }
}
