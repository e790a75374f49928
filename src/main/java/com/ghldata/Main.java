package com.ghldata;

import com.ghldata.cli.BenchCommand;
import com.ghldata.cli.ConvertCommand;
import com.ghldata.cli.GenerateCommand;
import com.ghldata.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: wires the picocli commands, nothing else. */
@Command(
    name = "ghl-data",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Turns contact spreadsheets into CSV files that GoHighLevel imports cleanly.",
    subcommands = {ServeCommand.class, ConvertCommand.class, GenerateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
  /** Exit code for an unusable input file (the conversion refused it with an error code). */
  public static final int EXIT_UNUSABLE_FILE = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // One clear line on stderr for bad usage, not the whole usage text.
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
      return CommandLine.ExitCode.USAGE;
    });
    return cl;
  }

  /** No command: serve, as {@code java -jar ghl-data-saas.jar} should. */
  @Override
  public Integer call() throws Exception {
    ServeCommand serve = new ServeCommand();
    serve.spec = spec.commandLine().getSubcommands().get("serve").getCommandSpec();
    return serve.call();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ghl-data " + (v == null ? "dev" : v)};
    }
  }
}
