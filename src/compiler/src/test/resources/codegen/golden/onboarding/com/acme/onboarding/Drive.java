package com.acme.onboarding;

import dev.flow.runtime.Action;
import dev.flow.runtime.ValueType;
import java.util.List;
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
   * Action {@code createFolder} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<Drive, String> CREATE_FOLDER = Action.of(Drive.class, "com.acme.onboarding.Drive", "createFolder",
      List.of("client"), ValueType.of(String.class),
      (drive, args) -> drive.createFolder((String) args[0]));

  /**
   * Action {@code copyInto} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<Drive, String> COPY_INTO = Action.of(Drive.class, "com.acme.onboarding.Drive", "copyInto",
      List.of("folder", "source", "name"), ValueType.of(String.class),
      (drive, args) -> drive.copyInto((String) args[0], (String) args[1], (String) args[2]));

  /**
   * Action {@code share} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<Drive, Void> SHARE = Action.of(Drive.class, "com.acme.onboarding.Drive", "share",
      List.of("folder", "email"), ValueType.NONE,
      (drive, args) -> {
        drive.share((String) args[0], (String) args[1]);
        return null;
      });

  /**
   * Action {@code deleteFolder} as data: its parameters, the type of its result and how the engine calls it.
   */
  Action<Drive, Void> DELETE_FOLDER = Action.of(Drive.class, "com.acme.onboarding.Drive", "deleteFolder",
      List.of("link"), ValueType.NONE,
      (drive, args) -> {
        drive.deleteFolder((String) args[0]);
        return null;
      });

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
