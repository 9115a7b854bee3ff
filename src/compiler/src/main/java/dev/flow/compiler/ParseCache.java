package dev.flow.compiler;

import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed units of the files of the last compilations, by file (the same {@link SourceFile}
 * object: a file whose text changed is a new object), so that a compilation after an edit parses
 * only the files that changed: what the language server does on each change. A unit is immutable
 * and every compilation resolves and checks it afresh. Keeps only the files of the last
 * compilation; not thread-safe (one analysis at a time).
 */
public final class ParseCache {
  private Map<SourceFile, ParsedFile> last = new IdentityHashMap<>();
  private Map<SourceFile, ParsedFile> current = new IdentityHashMap<>();

  /** Starts a compilation: what it does not ask for again is dropped at the next start. */
  void start() {
    last = current;
    current = new IdentityHashMap<>();
  }

  /** Each file's parse, in the order of {@code files}; the files not parsed before are parsed now, at once. */
  List<ParsedFile> parseAll(List<SourceFile> files) {
    List<ParsedFile> out = new ArrayList<>(files.size());
    List<SourceFile> missing = new ArrayList<>();
    for (SourceFile file : files) {
      ParsedFile parsed = current.get(file);
      if (parsed == null) {
        parsed = last.get(file);
      }
      if (parsed == null) {
        missing.add(file);
      } else {
        current.put(file, parsed);
      }
      out.add(parsed);
    }
    if (!missing.isEmpty()) {
      List<ParsedFile> fresh = ParsedFile.parseAll(missing);
      for (int i = 0, m = 0; i < out.size(); i++) {
        if (out.get(i) == null) {
          SourceFile file = files.get(i);
          ParsedFile parsed = current.get(file); // the same file twice in one list: parsed once
          if (parsed == null) {
            parsed = fresh.get(m);
            current.put(file, parsed);
          }
          m++;
          out.set(i, parsed);
        }
      }
    }
    return out;
  }
}
