package com.ghldata.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard must split records exactly as Commons CSV does, or it would refuse good rows (or let
 * bad ones through): for tricky inputs, its cell counts must equal the parser's.
 */
class CsvShapeTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "a,b,c\n1,2,3\n",
      "a,b\r\n1,2\r\n\r\n3\r\n",
      "a\rb,c\rd\n",
      "\"x,y\",z\n\"multi\nline,with,commas\",2\n",
      "\"esc \"\"q\"\", still\",2\n",
      "\"closed\"trailing,more,\"x\"\"\"\n",
      "mid\"quote,x\n\"a\"b\"c,d\n",
      ",,,\n,\n",
      "\"unclosed,at,eof",
      "last,line,without,newline",
      "\"a\"\r\n\"b\",\"c\"\r",
  })
  void cellCountsMatchCommonsCsv(String csv) throws Exception {
    Path file = Files.writeString(dir.resolve("t.csv"), csv, StandardCharsets.UTF_8);
    List<Integer> parsed = new ArrayList<>();
    try (CsvRowReader reader = CsvRowReader.open(file, ReadLimits.DEFAULT)) {
      assertThat(reader.info().delimiter()).isEqualTo(",");
      reader.read((number, cells) -> parsed.add(cells.length));
    }
    CsvShape shape = CsvShape.counter(',', 100);
    char[] chars = csv.toCharArray();
    shape.feed(chars, 0, chars.length);
    shape.finish();
    List<Integer> counted = new ArrayList<>();
    for (int cells : shape.recordCells()) {
      counted.add(cells);
    }
    assertThat(counted).isEqualTo(parsed);
  }
}
