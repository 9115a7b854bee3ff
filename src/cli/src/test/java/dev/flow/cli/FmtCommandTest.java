package dev.flow.cli;

import static dev.flow.cli.MainTest.flowc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.cli.MainTest.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowc fmt}: rewrites what is not formatted, {@code --check} only names it, errors leave files alone. */
class FmtCommandTest {
  private static final String MESSY = "role   Lead // the lead\nworkflow W{\nowner Lead\n   wait 1d\n}\n";
  private static final String TIDY = "role Lead // the lead\nworkflow W {\n  owner Lead\n  wait 1d\n}\n";

  @TempDir Path dir;

  @Test
  void rewritesFilesThatAreNotFormattedAndNamesThem() throws IOException {
    Path messy = Files.writeString(dir.resolve("messy.flow"), MESSY);
    Path tidy = Files.writeString(dir.resolve("tidy.flow"), TIDY);
    long before = Files.getLastModifiedTime(tidy).toMillis();
    Result r = flowc("fmt", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(messy + "\n", r.out());
    assertEquals("formatted 2 files: 1 changed\n", r.err());
    assertEquals(TIDY, Files.readString(messy));
    assertEquals(before, Files.getLastModifiedTime(tidy).toMillis());

    Result again = flowc("fmt", dir.toString());
    assertEquals(0, again.exit());
    assertEquals("", again.out());
    assertEquals("formatted 2 files: nothing changed\n", again.err());
  }

  @Test
  void checkWritesNothingAndFailsWhenAFileWouldChange() throws IOException {
    Path messy = Files.writeString(dir.resolve("messy.flow"), MESSY);
    Files.writeString(dir.resolve("tidy.flow"), TIDY);
    Result r = flowc("fmt", "--check", dir.toString());
    assertEquals(1, r.exit());
    assertEquals(messy + "\n", r.out());
    assertEquals("checked 2 files: 1 not formatted\n", r.err());
    assertEquals(MESSY, Files.readString(messy));

    Files.writeString(messy, TIDY);
    Result clean = flowc("fmt", "--check", "-q", dir.toString());
    assertEquals(0, clean.exit());
    assertEquals("", clean.out() + clean.err());
  }

  @Test
  void aFileWithSyntaxErrorsIsLeftAsItIs() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.flow"), "workflow {\n}\n");
    Result r = flowc("fmt", broken.toString());
    assertEquals(1, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().contains("error[E001]"), r.err());
    assertTrue(r.err().endsWith("formatted 1 file: nothing changed, 1 syntax error (files with errors are left as they are)\n"),
        r.err());
    assertEquals("workflow {\n}\n", Files.readString(broken));
  }

  @Test
  void theExamplesAreFormatted() {
    Result r = flowc("fmt", "--check", "../../examples");
    assertEquals(0, r.exit(), r.out() + r.err());
  }

  private static Result fmtStdin(String stdin, String... args) {
    return fmtStdin(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  private static Result fmtStdin(byte[] stdin, String... args) {
    FmtCommand fmt = new FmtCommand(() -> new ByteArrayInputStream(stdin));
    return MainTest.flowc(Map.of(), Commands.withHelp(List.of(fmt)), args);
  }

  @Test
  void dashFormatsStandardInputOntoStandardOutput() {
    Result r = fmtStdin(MESSY, "fmt", "-");
    assertEquals(0, r.exit(), r.err());
    assertEquals(TIDY, r.out());
    assertEquals("", r.err());

    Result tidy = fmtStdin(TIDY, "fmt", "-");
    assertEquals(0, tidy.exit(), tidy.err());
    assertEquals(TIDY, tidy.out(), "the whole text, also when nothing changed");

    Result crlf = fmtStdin("\uFEFF" + MESSY.replace("\n", "\r\n"), "fmt", "-");
    assertEquals(0, crlf.exit(), crlf.err());
    assertEquals(TIDY, crlf.out());
  }

  @Test
  void dashWithCheckWritesNothingButSaysWhetherStandardInputIsFormatted() {
    Result messy = fmtStdin(MESSY, "fmt", "--check", "-");
    assertEquals(1, messy.exit(), messy.err());
    assertEquals("<stdin>\n", messy.out());
    assertEquals("", messy.err());

    Result tidy = fmtStdin(TIDY, "fmt", "--check", "-");
    assertEquals(0, tidy.exit(), tidy.err());
    assertEquals("", tidy.out() + tidy.err());
  }

  @Test
  void dashWithASyntaxErrorWritesNothingToStandardOutput() {
    Result r = fmtStdin("workflow {\n}\n", "fmt", "-");
    assertEquals(1, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("<stdin>:1:10: error[E001]"), r.err());
  }

  @Test
  void dashRefusesFilesBesideItAndTextThatIsNotUtf8() throws IOException {
    Path tidy = Files.writeString(dir.resolve("tidy.flow"), TIDY);
    Result both = fmtStdin(MESSY, "fmt", "-", tidy.toString());
    assertEquals(2, both.exit());
    assertEquals("", both.out());
    assertTrue(both.err().contains("`-` (standard input) cannot be given together with files"), both.err());

    Result latin1 = fmtStdin(new byte[] {'r', 'o', 'l', 'e', ' ', (byte) 0xE9, '\n'}, "fmt", "-");
    assertEquals(2, latin1.exit());
    assertEquals("", latin1.out());
    assertTrue(latin1.err().contains("<stdin>: not a UTF-8 text file"), latin1.err());
  }
}
