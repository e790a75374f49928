package com.ghldata.engine.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first rows of the output exactly as written, for the UI's preview table. */
public record Preview(List<String> columns, List<List<String>> rows) {
  public Preview {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("columns", columns);
    m.put("rows", rows);
    return m;
  }

  public String toJson() {
    return JsonText.write(asMap(), false);
  }
}
