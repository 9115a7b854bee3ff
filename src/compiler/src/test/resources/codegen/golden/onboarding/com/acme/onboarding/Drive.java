package com.acme.onboarding;

import javax.annotation.processing.Generated;

/**
 * Where client documents live.
 *
 * <p>Shown as "Google Drive".
 *
 * <p>The connector of system {@code Drive}: implement it once and give it to the engine.
 */
@Generated("dev.flow.compiler")
public interface Drive {
  /**
   * Creates a folder for a client and returns its link.
   */
  String createFolder(String client) throws Exception;

  /**
   * Copies a document the client sent into a folder and returns the copy's link.
   */
  String copyInto(String folder, String source, String name) throws Exception;

  /**
   * Gives a person edit access to a folder.
   */
  void share(String folder, String email) throws Exception;

  /**
   * Deletes a folder and everything in it.
   */
  void deleteFolder(String link) throws Exception;
}
