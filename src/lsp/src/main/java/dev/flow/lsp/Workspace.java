package dev.flow.lsp;

import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The documents the server knows: every {@code .flow} file under the workspace folders, as on
 * disk, and every document open in the editor, whose buffer overrides the file on disk. Together
 * they are one model, as the compiler sees it. Documents are keyed by their normalized path (or
 * their URI when it is not a {@code file:} URI), so that one file is one document however the
 * client spells its URI.
 *
 * <p>Thread-safe: the protocol thread changes it; the analysis thread takes {@link #documents()}.
 * Each change raises {@link #generation()}.
 */
final class Workspace {
  /** One document as the analysis sees it: where it is, what the compiler calls it, its text, its version. */
  record Document(String key, String uri, String name, String text, Integer version) {}

  private record Open(String uri, String text, int version) {}

  private final ServerLog log;
  private final List<Path> roots = new ArrayList<>();
  private final Map<String, String> disk = new TreeMap<>();
  private final Map<String, String> diskUris = new TreeMap<>();
  private final Map<String, Open> open = new LinkedHashMap<>();
  /** What {@link #name} gave for each URI under the current roots (parsing a URI per document per analysis costs). */
  private final Map<String, String> names = new java.util.HashMap<>();
  private long generation;

  Workspace(ServerLog log) {
    this.log = log;
  }

  /** The key of a URI: its normalized absolute path for {@code file:} URIs, else the URI itself. */
  static String keyOf(String uri) {
    return pathOf(uri).map(Path::toString).orElse(uri);
  }

  /** The path of a {@code file:} URI. */
  static Optional<Path> pathOf(String uri) {
    try {
      URI u = new URI(uri);
      if ("file".equalsIgnoreCase(u.getScheme())) {
        return Optional.of(Paths.get(u).toAbsolutePath().normalize());
      }
    } catch (Exception e) {
      // not a URI we can read as a path: keyed by its text
    }
    return Optional.empty();
  }

  synchronized long generation() {
    return generation;
  }

  synchronized List<Path> roots() {
    return List.copyOf(roots);
  }

  /** Sets the workspace folders and reads every {@code .flow} file under them. */
  void setRoots(List<Path> folders) {
    Map<String, String> texts = new TreeMap<>();
    Map<String, String> uris = new TreeMap<>();
    for (Path root : folders) {
      for (Path file : scan(root)) {
        read(file).ifPresent(text -> {
          texts.put(file.toString(), text);
          uris.put(file.toString(), file.toUri().toString());
        });
      }
    }
    synchronized (this) {
      roots.clear();
      roots.addAll(folders.stream().map(p -> p.toAbsolutePath().normalize()).toList());
      names.clear();
      disk.clear();
      disk.putAll(texts);
      diskUris.clear();
      diskUris.putAll(uris);
      generation++;
    }
    log.info("workspace: " + texts.size() + " .flow files under " + folders);
  }

  synchronized void opened(String uri, String text, int version) {
    open.put(keyOf(uri), new Open(uri, text, version));
    generation++;
  }

  synchronized void changed(String uri, String text, int version) {
    open.put(keyOf(uri), new Open(uri, text, version));
    generation++;
  }

  /** The text of an open document, if it is open. */
  synchronized Optional<String> openText(String uri) {
    Open o = open.get(keyOf(uri));
    return o == null ? Optional.empty() : Optional.of(o.text());
  }

  synchronized void closed(String uri) {
    String key = keyOf(uri);
    open.remove(key);
    generation++;
    // The file on disk may have changed while it was open: read it again.
    pathOf(uri).ifPresent(this::reloadLocked);
  }

  /** A watched file was created, changed or deleted on disk. */
  synchronized void diskChanged(String uri) {
    pathOf(uri).ifPresent(this::reloadLocked);
    generation++;
  }

  private void reloadLocked(Path path) {
    String key = path.toString();
    if (Files.isRegularFile(path) && underRoots(path) && path.getFileName().toString().endsWith(".flow")) {
      Optional<String> text = read(path);
      if (text.isPresent()) {
        disk.put(key, text.get());
        diskUris.put(key, path.toUri().toString());
        return;
      }
    }
    disk.remove(key);
    diskUris.remove(key);
  }

  private boolean underRoots(Path path) {
    return roots.stream().anyMatch(path::startsWith) && !skipped(path);
  }

  /** Whether a path lies in a folder the scan skips. */
  private boolean skipped(Path path) {
    for (Path root : roots) {
      if (path.startsWith(root)) {
        Path rel = root.relativize(path);
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
          if (skipFolder(rel.getName(i).toString())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Every document: files on disk, with open buffers in their place, and open documents that are not on disk. */
  synchronized Snapshot.Documents documents() {
    Map<String, Document> out = new TreeMap<>();
    Set<String> names = new HashSet<>();
    List<String> keys = new ArrayList<>(disk.keySet());
    for (String k : open.keySet()) {
      if (!disk.containsKey(k)) {
        keys.add(k);
      }
    }
    for (String key : keys) {
      Open o = open.get(key);
      String uri = o != null ? o.uri() : diskUris.get(key);
      String text = o != null ? o.text() : disk.get(key);
      String name = name(key, uri);
      if (!names.add(name)) {
        name = key;
      }
      out.put(key, new Document(key, uri, name, text, o == null ? null : o.version()));
    }
    return new Snapshot.Documents(generation, out);
  }

  /**
   * What diagnostics and messages call a file: its path relative to the workspace folder that
   * holds it (with {@code /}), prefixed by the folder's name when there are several folders;
   * else its absolute path or URI.
   */
  private String name(String key, String uri) {
    return names.computeIfAbsent(key + "\n" + uri, k -> nameOf(key, uri));
  }

  private String nameOf(String key, String uri) {
    Optional<Path> path = pathOf(uri);
    if (path.isPresent()) {
      for (Path root : roots) {
        if (path.get().startsWith(root)) {
          String rel = root.relativize(path.get()).toString().replace('\\', '/');
          return roots.size() == 1 ? rel : root.getFileName() + "/" + rel;
        }
      }
      return path.get().toString();
    }
    return key;
  }

  // ---- disk -------------------------------------------------------------------------------------

  /** The folders the scan skips, as {@code flowc check} does, and the build folders of this project. */
  static boolean skipFolder(String name) {
    return name.startsWith(".") || name.equals("node_modules") || name.equals("target") || name.startsWith("target-");
  }

  private List<Path> scan(Path root) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && skipFolder(dir.getFileName().toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".flow")) {
            out.add(file.toAbsolutePath().normalize());
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException | InvalidPathException e) {
      log.error("cannot scan " + root, e);
    }
    out.sort(null);
    return out;
  }

  /** A file's text, read as the compiler reads it (strict UTF-8); empty when it cannot be read. */
  private Optional<String> read(Path file) {
    try {
      return Optional.of(SourceFile.read(file).text());
    } catch (IOException e) {
      log.info("skipping " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
