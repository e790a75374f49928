package com.ghldata.engine;

import com.ghldata.engine.mapping.Field;
import com.ghldata.engine.mapping.HeaderMatcher;
import com.ghldata.engine.normalize.NotAName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which source columns feed which contact field, decided once from the header row. */
final class ColumnPlan {
  private static final int[] NONE = new int[0];
  private static final Set<Field> NAME_FIELDS = EnumSet.of(Field.FULL_NAME, Field.FIRST_NAME, Field.LAST_NAME);

  final String[] headers;
  private final Field[] fields;
  private final int[][] byField;
  private final List<String> namelessNameColumns;

  private ColumnPlan(String[] headers, Field[] fields, List<String> namelessNameColumns) {
    this.headers = headers;
    this.fields = fields;
    this.namelessNameColumns = List.copyOf(namelessNameColumns);
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
    return of(headerRow, List.of());
  }

  /**
   * The plan for a header row, given data rows that follow it: a name column whose values there
   * are all bare numbers or template placeholders ({@code 15}, {@code ${Employee.Name}}) names no
   * one and feeds nothing (it is listed as unmapped).
   */
  static ColumnPlan of(String[] headerRow, List<String[]> sample) {
    String[] headers = new String[headerRow.length];
    Field[] fields = new Field[headerRow.length];
    for (int i = 0; i < headerRow.length; i++) {
      headers[i] = headerRow[i] == null ? "" : headerRow[i].strip();
      fields[i] = headers[i].isEmpty() ? null : HeaderMatcher.match(headers[i]);
    }
    List<String> nameless = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      if (NAME_FIELDS.contains(fields[i]) && namesNoOne(sample, i)) {
        fields[i] = null;
        nameless.add(headers[i]);
      }
    }
    return new ColumnPlan(headers, fields, nameless);
  }

  /** True when the column holds a value in the sample and every such value is not a name. */
  private static boolean namesNoOne(List<String[]> sample, int column) {
    boolean any = false;
    for (String[] row : sample) {
      String v = column < row.length && row[column] != null ? row[column] : "";
      if (v.isBlank()) {
        continue;
      }
      if (!NotAName.test(v)) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** Headers of the name columns left out because their values are numbers or placeholders. */
  List<String> namelessNameColumns() {
    return namelessNameColumns;
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
