package com.ghldata.engine.normalize;

/**
 * Values found where a name should be that are never a person's name: bare numbers (a score, a
 * row counter, {@code 15}, {@code 3.72}) and template placeholders ({@code ${Employee.Name}},
 * {@code {{nome}}}, {@code «Nome»}) left in files exported from report or mail-merge templates.
 * Thread-safe.
 */
public final class NotAName {
  private NotAName() {}

  /** True for a bare number or a template placeholder; false for blank. */
  public static boolean test(String raw) {
    String v = TextCleaner.clean(raw);
    return isBareNumber(v) || isPlaceholder(v);
  }

  /**
   * A number and nothing else: digits with an optional sign, decimal or thousands separators and
   * percent sign ({@code 15}, {@code -3.72}, {@code 1.234,5}, {@code 12%}).
   */
  public static boolean isBareNumber(String v) {
    int n = v.length();
    int i = 0;
    if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
      i++;
    }
    if (n > i && v.charAt(n - 1) == '%') {
      n--;
    }
    boolean digit = false;
    boolean separatorBefore = true; // no separator first, none twice in a row
    for (; i < n; i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
        separatorBefore = false;
      } else if ((c == '.' || c == ',') && !separatorBefore) {
        separatorBefore = true;
      } else {
        return false;
      }
    }
    return digit && !separatorBefore;
  }

  /**
   * A whole value that is a template field: {@code ${...}} and {@code #{...}} (JXLS, JSP, Thymeleaf),
   * {@code {{...}}} (Mustache, Handlebars), {@code «...»} and {@code <<...>>} (Word mail merge).
   */
  public static boolean isPlaceholder(String v) {
    return wraps(v, "${", "}") || wraps(v, "#{", "}") || wraps(v, "{{", "}}") || wraps(v, "\u00AB", "\u00BB")
        || wraps(v, "<<", ">>");
  }

  private static boolean wraps(String v, String open, String close) {
    return v.length() > open.length() + close.length() && v.startsWith(open) && v.endsWith(close);
  }
}
