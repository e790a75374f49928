package com.ghldata.engine;

import com.ghldata.engine.mapping.Field;
import com.ghldata.engine.mapping.HeaderMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which source columns feed which contact field, decided once from the header row. */
final class ColumnPlan {
  private static final int[] NONE = new int[0];

  final String[] headers;
  private final Field[] fields;
  private final int[][] byField;

  private ColumnPlan(String[] headers, Field[] fields) {
    this.headers = headers;
    this.fields = fields;
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i < Field.values().length; i++) {
      lists.add(new ArrayList<>());
    }
    for (int col = 0; col < fields.length; col++) {
      if (fields[col] != null) {
        lists.get(fields[col].ordinal()).add(col);
      }
    }
    byField = new int[Field.values().length][];
    for (int f = 0; f < byField.length; f++) {
      List<Integer> l = lists.get(f);
      byField[f] = l.isEmpty() ? NONE : l.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  static ColumnPlan of(String[] headerRow) {
    String[] headers = new String[headerRow.length];
    Field[] fields = new Field[headerRow.length];
    for (int i = 0; i < headerRow.length; i++) {
      headers[i] = headerRow[i] == null ? "" : headerRow[i].strip();
      fields[i] = headers[i].isEmpty() ? null : HeaderMatcher.match(headers[i]);
    }
    return new ColumnPlan(headers, fields);
  }

  /** The source columns (0-based) feeding a field, in file order. */
  int[] columns(Field field) {
    return byField[field.ordinal()];
  }

  /** True when the source column (0-based) feeds a contact field. */
  boolean feeds(int col) {
    return col < fields.length && fields[col] != null;
  }

  /** The column's header as the user knows it: "Column 3" when it has none. */
  String columnName(int col) {
    return col < headers.length && !headers[col].isEmpty() ? headers[col] : "Column " + (col + 1);
  }

  /** True when a column can give a row the first name, email or phone GHL needs. */
  boolean canIdentifyContacts() {
    return columns(Field.FIRST_NAME).length + columns(Field.FULL_NAME).length
        + columns(Field.EMAIL).length + columns(Field.PHONE).length > 0;
  }

  /** For the report: every mapped column with the GHL column it went to. */
  List<Map<String, Object>> mapping() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] != null) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", i + 1);
        m.put("source", headers[i]);
        m.put("target", target(fields[i]));
        out.add(m);
      }
    }
    return out;
  }

  /** Non-blank headers that feed nothing. */
  List<String> unmapped() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] == null && !headers[i].isEmpty()) {
        out.add(headers[i]);
      }
    }
    return out;
  }

  private static String target(Field f) {
    return switch (f) {
      case FIRST_NAME -> "First Name";
      case LAST_NAME -> "Last Name";
      case FULL_NAME -> "First Name + Last Name";
      case EMAIL -> "Email";
      case PHONE -> "Phone";
      case COMPANY -> "Company Name";
      case ADDRESS -> "Address";
      case CITY -> "City";
      case STATE -> "State";
      case POSTAL_CODE -> "Postal Code";
      case COUNTRY -> "Country";
      case TAGS -> "Tags";
      case SOURCE -> "Source";
      case DATE_OF_BIRTH -> "Date of Birth";
      case WEBSITE -> "Website";
      case TIMEZONE -> "Timezone";
      case NOTES -> "Notes";
    };
  }
}
