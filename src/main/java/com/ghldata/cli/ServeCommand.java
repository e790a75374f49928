package com.ghldata.cli;

import com.ghldata.Application;
import com.ghldata.config.AppConfig;
import com.ghldata.infra.Logging;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code serve} (the default): runs the service until stopped. Settings come from the environment. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Runs the web service (the default command). Configure with environment variables; see README.")
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec
  public CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AppConfig config;
    try {
      config = AppConfig.load();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    // Once, before anything logs: the lines of the whole run come in the format the settings chose.
    Logging.configure(config.logFormat(), Application.nodeName());
    Application app = Application.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return CommandLine.ExitCode.OK;
  }
}
