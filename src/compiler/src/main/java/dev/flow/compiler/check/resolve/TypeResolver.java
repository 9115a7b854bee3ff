package dev.flow.compiler.check.resolve;

import dev.flow.compiler.ast.Decl;
import dev.flow.compiler.ast.TypeRef;
import dev.flow.compiler.check.types.Type;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a written type into a {@link Type}: the built-ins of LANGUAGE.md §2, {@code List<T>},
 * {@code T?}, and the records, events and enums a file sees. An unknown name is E100 ("unknown
 * type"), a declaration that is not a type (a role, a workflow, …) is E102, and so is
 * {@code List} without its element type or a type argument on anything else. Each written type
 * is resolved and recorded once.
 */
public final class TypeResolver {
  /** The names of the built-in types, for did-you-mean. */
  public static final List<String> BUILT_INS = builtIns();

  private final NameResolver names;
  private final Recorder recorder;
  private final Diagnostics diagnostics;

  public TypeResolver(NameResolver names, Recorder recorder, Diagnostics diagnostics) {
    this.names = names;
    this.recorder = recorder;
    this.diagnostics = diagnostics;
  }

  private static List<String> builtIns() {
    List<String> out = new ArrayList<>();
    for (Type.Primitive p : Type.Primitive.values()) {
      out.add(p.display());
    }
    out.add("List");
    return List.copyOf(out);
  }

  /** The type {@code ref} denotes in {@code scope}, written within declaration {@code from}. */
  public Type resolve(TypeRef ref, FileScope scope, Decl from) {
    if (recorder.hasType(ref)) {
      return recorder.typeOf(ref);
    }
    Type t = resolveRequired(ref, scope, from);
    if (ref.optional()) {
      t = Type.optional(t);
    }
    recorder.type(ref, t);
    return t;
  }

  private Type resolveRequired(TypeRef ref, FileScope scope, Decl from) {
    String name = ref.name().text();
    if (name.equals("List")) {
      if (ref.arguments().size() != 1) {
        diagnostics.add(Diagnostic.of(Code.E102, ref.span(), "`List` needs an element type")
            .withHelp("write the type of its elements: `List<Text>`"));
        return Type.ERROR;
      }
      Type element = resolve(ref.arguments().get(0), scope, from);
      return element.isError() ? Type.ERROR : new Type.ListOf(element);
    }
    Type.Primitive p = Type.Primitive.named(name);
    if (p != null) {
      return noArguments(ref, scope, from) ? p : Type.ERROR;
    }
    Lookup lookup = scope.lookup(name);
    if (lookup instanceof Lookup.Missing) {
      diagnostics.add(names.unknown(ref.name(), "type", scope, DeclKind.TYPE::accepts, BUILT_INS, from));
      return Type.ERROR;
    }
    if (lookup instanceof Lookup.Ambiguous a) {
      diagnostics.add(names.ambiguous(ref.name(), a, from));
      return Type.ERROR;
    }
    Decl decl = ((Lookup.Found) lookup).decl();
    names.use(decl, from);
    if (!DeclKind.TYPE.accepts(decl)) {
      diagnostics.add(NameResolver.wrongKind(ref.name(), decl, DeclKind.TYPE));
      return Type.ERROR;
    }
    recorder.declaration(ref.name(), decl);
    return noArguments(ref, scope, from) ? new Type.Declared(decl) : Type.ERROR;
  }

  private boolean noArguments(TypeRef ref, FileScope scope, Decl from) {
    if (ref.arguments().isEmpty()) {
      return true;
    }
    ref.arguments().forEach(a -> resolve(a, scope, from));
    diagnostics.add(Diagnostic.of(Code.E102, ref.span(), "`" + ref.name().text() + "` takes no type argument")
        .withHelp("only `List` has an element type: `List<" + ref.name().text() + ">`"));
    return false;
  }
}
