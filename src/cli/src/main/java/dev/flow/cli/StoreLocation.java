package dev.flow.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flow.runtime.store.JdbcStore;
import dev.flow.runtime.store.JournalStore;
import dev.flow.runtime.store.Store;
import dev.flow.runtime.store.StoreException;
import java.nio.file.Path;

/**
 * Where a command keeps histories, as the user names it: a directory (the file journal) or a
 * {@code jdbc:} URL (the JDBC store on H2 or PostgreSQL, e.g. {@code jdbc:h2:file:./flow-db} or
 * {@code jdbc:postgresql://host/db?user=flow&password=…}), over a small connection pool that the
 * store closes with itself.
 */
final class StoreLocation {
  private StoreLocation() {}

  /** Whether a location names a database rather than a directory. */
  static boolean isDatabase(String location) {
    return location.startsWith("jdbc:");
  }

  /**
   * Opens the store at a location.
   *
   * @throws StoreException in words when it cannot: the directory is in use or damaged, the
   *     database cannot be reached, or the URL names a database the store does not run on
   */
  static Store open(String location) {
    return open(location, dev.flow.runtime.store.JdbcOptions.defaults());
  }

  /**
   * Opens the store at a location to read it (a log, a report): a database store deletes no ended
   * instance meanwhile, whatever the retention of the engines that write it.
   */
  static Store openToRead(String location) {
    return open(location, dev.flow.runtime.store.JdbcOptions.defaults().withRetainEnded(Integer.MAX_VALUE));
  }

  private static Store open(String location, dev.flow.runtime.store.JdbcOptions options) {
    if (!isDatabase(location)) {
      return JournalStore.open(Path.of(location));
    }
    if (!location.startsWith("jdbc:h2:") && !location.startsWith("jdbc:postgresql:")) {
      String scheme = location.substring(0, Math.max(location.indexOf(':', 5), 5));
      throw new StoreException("flowc keeps runs in H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...) databases,"
          + " not in " + scheme + ":");
    }
    HikariDataSource pool;
    try {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(location);
      config.setMaximumPoolSize(4);
      config.setPoolName("flowc");
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StoreException("cannot connect to the database " + withoutPassword(location) + ": "
          + cause.getMessage(), e);
    }
    try {
      return JdbcStore.openOwning(pool, options);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** A URL as it may be shown: a password in it replaced by {@code ***}. */
  static String withoutPassword(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
