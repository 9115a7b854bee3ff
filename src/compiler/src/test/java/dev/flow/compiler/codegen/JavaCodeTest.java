package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/**
 * {@link JavaCode#of} must write exactly what {@link CodeBlock#of} writes, in a statement, in an
 * initializer and in a doc comment, in a file that imports the types it names.
 */
class JavaCodeTest {
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName OWN_LIST = ClassName.get("com.acme", "List");

  /** Formats and arguments: text, names, strings with what a literal escapes, types, nested blocks. */
  private static List<Object[]> cases() {
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"$T.of($S, $L)", LIST, "plain", "VALUE"});
    cases.add(new Object[] {"$L.$N($S)", "ctx", "call", "quote \" backslash \\ apostrophe ' tab \t cr \r"});
    cases.add(new Object[] {"$S + $S", "dollar $ and $$ and $L", "control \u0001 \u007f bell \u0007 \b \f"});
    cases.add(new Object[] {"$S", "two\nlines\n"});
    cases.add(new Object[] {"$S", (Object) null});
    cases.add(new Object[] {"$L + $L + $L + $L", 42L, 7, true, 'c'});
    cases.add(new Object[] {"$L", "price in $: $$5 $L $S $T"});
    cases.add(new Object[] {"$T.x($L)$W.y($L)$Z.z()", OWN_LIST, CodeBlock.of("$T.of()", LIST), "a"});
    cases.add(new Object[] {"f(\n$>$>$S,\n$L)$<$<", "x", "line\nbreak"});
    cases.add(new Object[] {"$[a($L)\n.b($S)$]", "one", "two"});
    cases.add(new Object[] {"$1L + $1L", "same"});
    cases.add(new Object[] {"$$$L$$", "between"});
    cases.add(new Object[] {"text only, no arguments"});
    return cases;
  }

  @Test
  void writesWhatCodeBlockWrites() {
    for (Object[] c : cases()) {
      String format = (String) c[0];
      Object[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      CodeBlock poet = CodeBlock.of(format, args);
      CodeBlock ours = JavaCode.of(format, args);
      assertEquals(poet.toString(), ours.toString(), format);
      assertEquals(file(poet, !format.contains("$[")), file(ours, !format.contains("$[")), format);
    }
  }

  @Test
  void badFormatsFailAsInJavaPoet() {
    assertThrows(IllegalArgumentException.class, () -> JavaCode.of("$L $L", "one"));
    assertThrows(IllegalArgumentException.class, () -> JavaCode.of("$L", "one", "two"));
    assertThrows(IllegalArgumentException.class, () -> JavaCode.of("dangling $", "one"));
  }

  /** The block as a statement (unless it is one already), an initializer and a doc comment of a class in a file. */
  private static String file(CodeBlock code, boolean asStatement) {
    TypeSpec type = TypeSpec.classBuilder("Sample")
        .addJavadoc(code)
        .addJavadoc("\n")
        .addField(FieldSpec.builder(Object.class, "FIELD", Modifier.STATIC, Modifier.FINAL).initializer(code).build())
        .addMethod(MethodSpec.methodBuilder("run")
            .addJavadoc(code)
            .addStatement(asStatement ? code : CodeBlock.of("$L", "statement"))
            .addCode(code)
            .addCode("\n")
            .addComment("$L", code)
            .build())
        .build();
    return JavaFile.builder("com.acme", type).indent("  ").skipJavaLangImports(true).build().toString();
  }
}
