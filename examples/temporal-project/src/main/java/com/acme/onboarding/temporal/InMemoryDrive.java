package com.acme.onboarding.temporal;

import com.acme.onboarding.Drive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Drive that keeps folders in memory: what a test (or a demo) needs in place of Google Drive.
 * A real connector would call the Drive API here; the workflow does not change.
 */
public final class InMemoryDrive implements Drive {
  /** A client's folder: its files (name to link) and who may edit it. */
  public record Folder(String link, String client, Map<String, String> files, Set<String> editors) {}

  private final Map<String, Folder> folders = new LinkedHashMap<>();
  private final List<String> deleted = new ArrayList<>();

  @Override
  public synchronized String createFolder(String client) {
    String slug = client.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    String link = "https://drive.example.com/folders/" + slug + "-" + (folders.size() + deleted.size() + 1);
    folders.put(link, new Folder(link, client, new LinkedHashMap<>(), new TreeSet<>()));
    return link;
  }

  @Override
  public synchronized String copyInto(String folder, String source, String name) {
    Folder target = existing(folder);
    String link = folder + "/" + name.replace(' ', '_');
    target.files().put(name, link);
    return link;
  }

  @Override
  public synchronized void share(String folder, String email) {
    existing(folder).editors().add(email);
  }

  @Override
  public synchronized void deleteFolder(String link) {
    if (folders.remove(link) != null) {
      deleted.add(link);
    }
  }

  /** The folder behind a link, if it exists (it is gone once deleted). */
  public synchronized Optional<Folder> folder(String link) {
    return Optional.ofNullable(folders.get(link));
  }

  /** Every folder that exists now. */
  public synchronized List<Folder> folders() {
    return List.copyOf(folders.values());
  }

  /** The links of the folders deleted so far (a failed onboarding deletes its folder). */
  public synchronized List<String> deleted() {
    return List.copyOf(deleted);
  }

  private Folder existing(String link) {
    Folder folder = folders.get(link);
    if (folder == null) {
      throw new IllegalArgumentException("no folder " + link);
    }
    return folder;
  }
}
