package com.ghldata.cli;

import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import com.ghldata.tools.generate.People;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate -o FILE --rows N}: a deterministic messy contact file, for trials and benchmarks. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Writes a deterministic file of messy contacts (CSV or XLSX) for trials and benchmarks.")
public final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "File to write; .xlsx writes a workbook, anything else CSV.")
  Path output;

  @Option(names = "--rows", defaultValue = "1000", paramLabel = "N", description = "Data rows. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--layout", defaultValue = "PORTUGUESE", paramLabel = "L",
      description = "Header layout: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Layout layout;

  @Option(names = "--people", defaultValue = "BRAZIL", paramLabel = "P",
      description = "Who the contacts are: ${COMPLETION-CANDIDATES} (BRAZIL: mostly Brazilian, a tenth foreign). Default: ${DEFAULT-VALUE}.")
  People people;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--delimiter", defaultValue = ",", paramLabel = "C", description = "CSV delimiter. Default: '${DEFAULT-VALUE}'.")
  char delimiter;

  @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "E", description = "CSV encoding. Default: ${DEFAULT-VALUE}.")
  Charset encoding;

  @Override
  public Integer call() throws Exception {
    if (rows < 0) {
      spec.commandLine().getErr().println("error: --rows must not be negative");
      return CommandLine.ExitCode.USAGE;
    }
    long t0 = System.nanoTime();
    ContactFileGenerator gen = new ContactFileGenerator(seed, people);
    if (output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
      gen.writeXlsx(output, rows, layout);
    } else {
      gen.writeCsv(output, rows, layout, delimiter, encoding);
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "%d rows (%s) -> %s in %.2f s%n",
        rows, layout, output, (System.nanoTime() - t0) / 1e9);
    return CommandLine.ExitCode.OK;
  }
}
