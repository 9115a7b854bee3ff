package dev.flow.cli;

import static dev.flow.cli.MainTest.flowc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
