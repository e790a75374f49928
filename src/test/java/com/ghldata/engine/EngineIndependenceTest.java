package com.ghldata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine is a library of its own: nothing under {@code engine/} imports Vert.x, nor any part of
 * the service (jobs, worker, web, bus, accounts, cli...), so it runs the same in the CLI, a worker on
 * any node, or a test. Its one neighbour is {@code profile/} (it asks CompilerActivity whether the JIT
 * is busy), which must then be as free of Vert.x as the engine.
 */
class EngineIndependenceTest {
  private static final Path MAIN = Path.of("src/main/java/com/ghldata");
  private static final Pattern FORBIDDEN = Pattern.compile(
      "^import\\s+(static\\s+)?(io\\.vertx|io\\.netty|com\\.ghldata\\.(?!engine\\.|profile\\.))", Pattern.MULTILINE);

  @Test
  void noEngineSourceImportsVertxOrTheService() throws IOException {
    List<Path> sources = sources("engine");
    assertThat(sources).as("engine sources found").hasSizeGreaterThan(20);
    sources.addAll(sources("profile"));
    for (Path source : sources) {
      assertThat(FORBIDDEN.matcher(Files.readString(source)).find()).as("%s imports outside the engine", source)
          .isFalse();
    }
  }

  private static List<Path> sources(String folder) throws IOException {
    try (Stream<Path> files = Files.walk(MAIN.resolve(folder))) {
      return files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
  }

  @Test
  void theRuleCatchesAnOffendingImport() {
    assertThat(FORBIDDEN.matcher("package x;\nimport io.vertx.core.Vertx;\n").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import com.ghldata.bus.Addresses;\n").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import com.ghldata.engine.read.RowReader;\n").find()).isFalse();
    assertThat(FORBIDDEN.matcher("import com.ghldata.profile.CompilerActivity;\n").find()).isFalse();
  }
}
