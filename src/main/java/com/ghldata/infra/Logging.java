package com.ghldata.infra;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import com.ghldata.config.AppConfig.LogFormat;
import java.net.URL;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.slf4j.MDC;

/**
 * How the server logs. Logback starts from logback.xml (readable text on stderr), all the CLI ever
 * uses; {@code serve} calls {@link #configure} once its settings are read, which for
 * {@code LOG_FORMAT=json} loads logback-json.xml instead, and names the node on every JSON line.
 * {@link #job} puts the job's id and user on the lines logged about it: MDC lives on a thread, and
 * event loops run every handler on the same few, so a handler sets it for as long as it logs and
 * gives the thread back as it found it.
 */
public final class Logging {
  /** The logback context property that LogstashEncoder writes on every line. */
  public static final String NODE = "node";
  public static final String JOB_ID = "job_id";
  public static final String USER_ID = "user_id";
  private static final String OWN_CONFIG = "logback.configurationFile";

  private Logging() {}

  /**
   * Loads the configuration of {@code format}, with {@code node} on every line. An operator's own
   * logback file (-Dlogback.configurationFile) is left as it is: it gets the node property only.
   */
  public static void configure(LogFormat format, String node) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    // java.util.logging's records (the PostgreSQL driver's, under Flyway) go through logback, in its format.
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    if (System.getProperty(OWN_CONFIG) != null) {
      context.putProperty(NODE, node);
      return;
    }
    URL config = Logging.class.getResource(format == LogFormat.JSON ? "/logback-json.xml" : "/logback.xml");
    long t0 = System.currentTimeMillis();
    context.reset();
    // After the reset, which clears the context's properties; before the file, whose encoder reads them.
    context.putProperty(NODE, node);
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    try {
      joran.doConfigure(config);
    } catch (JoranException e) {
      // logback records what went wrong as statuses, printed below
    }
    StatusPrinter2 printer = new StatusPrinter2();
    printer.setPrintStream(System.err);
    printer.printInCaseOfErrorsOrWarnings(context, t0);
  }

  /**
   * Puts {@code jobId} and {@code userId} (either may be null: not known here) on the lines this
   * thread logs until {@link Scope#close}, which restores what was there before.
   */
  public static Scope job(String jobId, String userId) {
    return new Scope(jobId, userId);
  }

  /** Runs {@code action} with the job's id and user on its lines. */
  public static void withJob(String jobId, String userId, Runnable action) {
    try (Scope ignored = job(jobId, userId)) {
      action.run();
    }
  }

  /** Runs {@code action} with the user on its lines: an account's own lines, about no job. */
  public static void withUser(String userId, Runnable action) {
    withJob(null, userId, action);
  }

  /** The job's keys on this thread's MDC while open. */
  public static final class Scope implements AutoCloseable {
    private final String previousJob;
    private final String previousUser;

    private Scope(String jobId, String userId) {
      previousJob = MDC.get(JOB_ID);
      previousUser = MDC.get(USER_ID);
      if (jobId != null) {
        MDC.put(JOB_ID, jobId);
      }
      if (userId != null) {
        MDC.put(USER_ID, userId);
      }
    }

    @Override
    public void close() {
      restore(JOB_ID, previousJob);
      restore(USER_ID, previousUser);
    }

    private static void restore(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }
}
