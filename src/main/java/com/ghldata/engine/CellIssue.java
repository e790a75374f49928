package com.ghldata.engine;

/**
 * A cell the conversion left out of the GHL file or had to change in a way the user should know:
 * which row and column, the original value, and why. Rows of issues make the job's issues list.
 *
 * @param row the source row number, as the user sees it
 * @param column the source column's header ("Column 3" when it has none)
 * @param value the original cell, cut to {@link #MAX_VALUE_CHARS} (marked with an ellipsis)
 * @param reason why, which also says what was done
 * @param suggestion the likely fix when there is one (an email with its domain's typo corrected), else ""
 */
public record CellIssue(int row, String column, String value, Reason reason, String suggestion) {
  /** Enough of a cell to recognise it; an over-long note is not copied whole into the list. */
  public static final int MAX_VALUE_CHARS = 500;

  /** What the conversion did with the cell. */
  public enum Action {
    /** Left out of the GHL file (the rest of the row is kept). */
    REMOVED("removed"),
    /** Kept, cut to a limit. */
    CUT("cut");

    private final String code;

    Action(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Why; the code is stable (API, CSV, report). */
  public enum Reason {
    INVALID_EMAIL("invalid_email", Action.REMOVED),
    EMAIL_DOMAIN_TYPO("email_domain_typo", Action.REMOVED),
    INVALID_PHONE("invalid_phone", Action.REMOVED),
    PHONE_SCIENTIFIC_NOTATION("phone_scientific_notation", Action.REMOVED),
    INVALID_DATE("invalid_date", Action.REMOVED),
    INVALID_TIMEZONE("invalid_timezone", Action.REMOVED),
    EXCEL_ERROR("excel_error", Action.REMOVED),
    NOTES_TOO_LONG("notes_too_long", Action.CUT),
    CELL_TOO_LONG("cell_too_long", Action.CUT);

    private final String code;
    private final Action action;

    Reason(String code, Action action) {
      this.code = code;
      this.action = action;
    }

    public String code() {
      return code;
    }

    public Action action() {
      return action;
    }

    /** The reason of a code, or null. */
    public static Reason of(String code) {
      for (Reason r : values()) {
        if (r.code.equals(code)) {
          return r;
        }
      }
      return null;
    }
  }

  public CellIssue {
    value = cut(value);
    suggestion = suggestion == null ? "" : suggestion;
  }

  static String cut(String value) {
    if (value == null) {
      return "";
    }
    if (value.length() <= MAX_VALUE_CHARS) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(MAX_VALUE_CHARS - 1)) ? MAX_VALUE_CHARS - 1 : MAX_VALUE_CHARS;
    return value.substring(0, end) + "…";
  }
}
