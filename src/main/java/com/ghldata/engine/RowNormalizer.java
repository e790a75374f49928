package com.ghldata.engine;

import com.ghldata.engine.CellIssue.Reason;
import com.ghldata.engine.mapping.Field;
import com.ghldata.engine.normalize.CountryNormalizer;
import com.ghldata.engine.normalize.DateNormalizer;
import com.ghldata.engine.normalize.Distinct;
import com.ghldata.engine.normalize.EmailCell;
import com.ghldata.engine.normalize.EmailNormalizer;
import com.ghldata.engine.normalize.EmailTypos;
import com.ghldata.engine.normalize.Memo;
import com.ghldata.engine.normalize.NameNormalizer;
import com.ghldata.engine.normalize.NotAName;
import com.ghldata.engine.normalize.Phone;
import com.ghldata.engine.normalize.PhoneCell;
import com.ghldata.engine.normalize.PhoneNormalizer;
import com.ghldata.engine.normalize.PostalCodeNormalizer;
import com.ghldata.engine.normalize.StateNormalizer;
import com.ghldata.engine.normalize.TagNormalizer;
import com.ghldata.engine.normalize.TextCleaner;
import com.ghldata.engine.normalize.TimezoneNormalizer;
import com.ghldata.engine.write.RejectedRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one source row into a {@link Contact} or a {@link RejectedRow}. Holds no mutable state, so one
 * instance serves every normalizer thread.
 */
final class RowNormalizer {
  static final String REASON_NO_IDENTITY = "missing_name_email_phone";
  static final String REASON_INVALID_EMAIL = "invalid_email";
  static final String REASON_INVALID_PHONE = "invalid_phone";
  static final int MAX_NOTES = 5_000;
  /** What a spreadsheet shows for a formula that failed: no contact's data. */
  private static final Set<String> EXCEL_ERRORS = Set.of("#N/A", "#VALUE!", "#NAME?", "#NUM!", "#DIV/0!", "#REF!",
      "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!");

  private final ColumnPlan plan;
  private final ConversionOptions options;
  private final PhoneNormalizer phones;
  private final Set<String> jobTags;
  private final String jobTagsJoined;
  /** One tags cell, normalized and joined with the job's tags. */
  private final Memo<String> tagCells;
  /** One "today" for the whole conversion: a date of birth cannot be in the future. */
  private final LocalDate today = LocalDate.now();

  RowNormalizer(ColumnPlan plan, ConversionOptions options) {
    this.plan = plan;
    this.options = options;
    this.phones = new PhoneNormalizer(options.defaultCountry(), options.fixNinthDigit());
    this.jobTags = new LinkedHashSet<>();
    if (options.tag() != null) {
      TagNormalizer.addTags(options.tag(), jobTags);
    }
    this.jobTagsJoined = TagNormalizer.join(jobTags);
    this.tagCells = new Memo<>(4096, raw -> {
      Set<String> tags = new LinkedHashSet<>();
      TagNormalizer.addTags(raw, tags);
      return withJobTags(tags);
    });
  }

  /**
   * The contact, a rejected row, or null for a row with no data at all.
   *
   * @param cut the columns the reader cut to its cell limit (each an issue when the column feeds a
   *     field), or null
   */
  Object normalize(int rowNumber, String[] original, int[] cut, Tally tally) {
    if (isBlank(original)) {
      tally.emptyRows++;
      return null;
    }
    tally.rows++;
    if (cut != null) {
      cutCells(rowNumber, original, cut, tally);
    }
    Contact c = new Contact(rowNumber);
    // The rejects file shows the row as it was; the conversion reads it without its error values.
    String[] cells = withoutExcelErrors(rowNumber, original, tally);

    String region = options.defaultCountry();
    String countryRaw = first(cells, Field.COUNTRY);
    if (!countryRaw.isEmpty()) {
      Country country = COUNTRIES.get(countryRaw);
      if (country.iso() != null) {
        region = country.iso();
      }
      c.set(GhlColumn.COUNTRY, country.name());
    }

    names(cells, c);
    int invalidEmails = emails(rowNumber, cells, c, tally);
    int invalidPhones = phones(rowNumber, cells, region, c, tally);
    tally.invalidEmails += invalidEmails;
    tally.invalidPhones += invalidPhones;

    c.set(GhlColumn.COMPANY_NAME, TextCleaner.clean(first(cells, Field.COMPANY)));
    c.set(GhlColumn.ADDRESS, joined(cells, Field.ADDRESS, ", "));
    c.set(GhlColumn.CITY, TextCleaner.clean(first(cells, Field.CITY)));
    // With no country column, an international phone (+351 ...) tells the row's country better
    // than the job's default: a Lisbon postal code must not become a Brazilian CEP.
    String addressRegion = countryRaw.isEmpty() && !c.phoneRegion.isEmpty() ? c.phoneRegion : region;
    c.set(GhlColumn.STATE, StateNormalizer.normalize(first(cells, Field.STATE), addressRegion));
    c.set(GhlColumn.POSTAL_CODE, PostalCodeNormalizer.normalize(first(cells, Field.POSTAL_CODE), addressRegion));
    c.set(GhlColumn.TAGS, tags(cells));
    String source = TextCleaner.clean(first(cells, Field.SOURCE));
    c.set(GhlColumn.SOURCE, source.isEmpty() && options.source() != null ? options.source() : source);

    String dobRaw = first(cells, Field.DATE_OF_BIRTH);
    String dob = DateNormalizer.toIsoDate(dobRaw, addressRegion, today);
    if (dob == null) {
      tally.invalidDates++;
      tally.issue(issue(rowNumber, cells, Field.DATE_OF_BIRTH, dobRaw, Reason.INVALID_DATE, null));
      dob = "";
    }
    c.set(GhlColumn.DATE_OF_BIRTH, dob);
    c.set(GhlColumn.WEBSITE, TextCleaner.clean(first(cells, Field.WEBSITE)));
    // Most files have no time zone column: they never load the zone tables (20-25 ms at start-up).
    String tzRaw = first(cells, Field.TIMEZONE);
    String tz = tzRaw.isEmpty() ? "" : TimezoneNormalizer.forGhl(tzRaw);
    if (tz == null) {
      tally.issue(issue(rowNumber, cells, Field.TIMEZONE, tzRaw, Reason.INVALID_TIMEZONE, null));
      tz = "";
    }
    c.set(GhlColumn.TIMEZONE, tz);
    c.set(GhlColumn.NOTES, notes(rowNumber, cells, tally));

    if (!c.has(GhlColumn.FIRST_NAME) && !c.has(GhlColumn.EMAIL) && !c.has(GhlColumn.PHONE)) {
      List<String> reasons = new ArrayList<>(3);
      reasons.add(REASON_NO_IDENTITY);
      if (invalidEmails > 0) {
        reasons.add(REASON_INVALID_EMAIL);
      }
      if (invalidPhones > 0) {
        reasons.add(REASON_INVALID_PHONE);
      }
      tally.rejected++;
      reasons.forEach(tally::reject);
      return new RejectedRow(rowNumber, original, reasons);
    }
    return c;
  }

  private void names(String[] cells, Contact c) {
    String first = NameNormalizer.clean(firstName(cells, Field.FIRST_NAME));
    String last = NameNormalizer.cleanLastName(firstName(cells, Field.LAST_NAME));
    if (first.isEmpty()) {
      String full = NameNormalizer.clean(firstName(cells, Field.FULL_NAME));
      if (!full.isEmpty()) {
        if (last.isEmpty()) {
          String[] split = NameNormalizer.splitFullName(full);
          first = split[0];
          last = split[1];
        } else {
          // A name column beside a surname column: the name minus the surname is the first name
          // ("MARÍA JOSÉ" + "García" keeps "María José").
          first = full.endsWith(" " + last) ? full.substring(0, full.length() - last.length() - 1).strip() : full;
        }
      }
    }
    c.set(GhlColumn.FIRST_NAME, first);
    c.set(GhlColumn.LAST_NAME, last);
  }

  private int emails(int rowNumber, String[] cells, Contact c, Tally tally) {
    int invalid = 0;
    // A cell's addresses come de-duplicated; a set is needed only once a second cell has some.
    List<String> first = null;
    Distinct<String> all = null;
    for (int col : plan.columns(Field.EMAIL)) {
      String raw = cell(cells, col);
      if (raw.isEmpty()) {
        continue;
      }
      EmailCell cell = EmailNormalizer.normalize(raw);
      if (cell.invalid() > 0) {
        invalid += cell.invalid();
        tally.issue(new CellIssue(rowNumber, plan.columnName(col), raw, Reason.INVALID_EMAIL, null));
      }
      List<String> valid = withoutTypos(rowNumber, col, raw, cell.valid(), tally);
      invalid += cell.valid().size() - valid.size();
      if (valid.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = valid;
      } else {
        if (all == null) {
          all = Distinct.strings();
          all.addAll(first);
        }
        all.addAll(valid);
      }
    }
    if (first != null) {
      putList(c, GhlColumn.EMAIL, GhlColumn.ADDITIONAL_EMAILS, all == null ? first : all.list());
    }
    return invalid;
  }

  /** The cell's valid addresses less those at a likely typo of a provider's domain (each an issue). */
  private List<String> withoutTypos(int rowNumber, int col, String raw, List<String> valid, Tally tally) {
    List<String> kept = valid;
    for (int i = 0; i < valid.size(); i++) {
      String fix = EmailTypos.likelyFix(valid.get(i));
      if (fix != null) {
        if (kept == valid) {
          kept = new ArrayList<>(valid.subList(0, i));
        }
        tally.issue(new CellIssue(rowNumber, plan.columnName(col), raw, Reason.EMAIL_DOMAIN_TYPO, fix));
      } else if (kept != valid) {
        kept.add(valid.get(i));
      }
    }
    return kept;
  }

  private int phones(int rowNumber, String[] cells, String region, Contact c, Tally tally) {
    int invalid = 0;
    Distinct<Phone> distinct = null;
    for (int col : plan.columns(Field.PHONE)) {
      String raw = cell(cells, col);
      if (raw.isEmpty()) {
        continue;
      }
      PhoneCell cell = phones.normalize(raw, region);
      if (cell.invalid() > 0) {
        invalid += cell.invalid();
        Reason why = PhoneNormalizer.isScientificNotation(raw) ? Reason.PHONE_SCIENTIFIC_NOTATION : Reason.INVALID_PHONE;
        tally.issue(new CellIssue(rowNumber, plan.columnName(col), raw, why, null));
      }
      for (Phone p : cell.valid()) {
        if (distinct == null) {
          distinct = Distinct.phones();
        }
        if (distinct.add(p) && p.ninthDigitAdded()) {
          tally.ninthDigitFixed++;
        }
      }
    }
    if (distinct != null) {
      List<Phone> found = distinct.list();
      // GHL's Phone is the number for SMS and WhatsApp: a Brazilian mobile beats a landline listed
      // before it (Outlook and HubSpot put the business line first).
      if (!isBrazilianMobile(found.get(0).e164())) {
        for (int i = 1; i < found.size(); i++) {
          if (isBrazilianMobile(found.get(i).e164())) {
            found.add(0, found.remove(i));
            break;
          }
        }
      }
      c.phoneRegion = found.get(0).region();
      List<String> numbers = new ArrayList<>(found.size());
      for (Phone p : found) {
        numbers.add(p.e164());
      }
      putList(c, GhlColumn.PHONE, GhlColumn.ADDITIONAL_PHONES, numbers);
    }
    return invalid;
  }

  /** +55, a two-digit area code, then nine digits starting with 9: a Brazilian mobile. */
  static boolean isBrazilianMobile(String e164) {
    return e164.length() == 14 && e164.startsWith("+55") && e164.charAt(5) == '9';
  }

  private static void putList(Contact c, GhlColumn primary, GhlColumn additional, List<String> values) {
    c.set(primary, values.get(0));
    if (values.size() > 1) {
      c.set(additional, String.join(Contact.LIST_SEPARATOR, values.subList(1, values.size())));
    }
  }

  /** A country cell read: its ISO code (null when unknown) and what the Country column gets. */
  private record Country(String iso, String name) {
    static Country of(String raw) {
      String iso = CountryNormalizer.iso2(raw);
      return iso != null ? new Country(iso, CountryNormalizer.englishName(iso)) : new Country(null, TextCleaner.clean(raw));
    }
  }

  /** Country cells repeat a few values over a whole file. */
  private static final Memo<Country> COUNTRIES = new Memo<>(256, Country::of);

  private String tags(String[] cells) {
    int[] cols = plan.columns(Field.TAGS);
    if (cols.length == 0 && jobTags.isEmpty()) {
      return "";
    }
    if (cols.length == 1) {
      // One tags column, whose cells repeat a few combinations over a file.
      String raw = cell(cells, cols[0]);
      return raw.isEmpty() ? jobTagsJoined : tagCells.get(raw);
    }
    Set<String> tags = null;
    for (int col : cols) {
      String raw = cell(cells, col);
      if (!raw.isEmpty()) {
        if (tags == null) {
          tags = new LinkedHashSet<>();
        }
        TagNormalizer.addTags(raw, tags);
      }
    }
    return tags == null ? jobTagsJoined : withJobTags(tags);
  }

  private String withJobTags(Set<String> tags) {
    tags.addAll(jobTags);
    return TagNormalizer.join(tags);
  }

  private String notes(int rowNumber, String[] cells, Tally tally) {
    int[] cols = plan.columns(Field.NOTES);
    StringBuilder sb = null;
    for (int col : cols) {
      String v = TextCleaner.cleanMultiline(cell(cells, col));
      if (!v.isEmpty()) {
        if (sb == null) {
          sb = new StringBuilder(v);
        } else {
          sb.append('\n').append(v);
        }
      }
    }
    if (sb == null) {
      return "";
    }
    if (sb.length() > MAX_NOTES) {
      tally.issue(issue(rowNumber, cells, Field.NOTES, sb.toString(), Reason.NOTES_TOO_LONG, null));
      // Do not cut a surrogate pair in half.
      int end = Character.isHighSurrogate(sb.charAt(MAX_NOTES - 1)) ? MAX_NOTES - 1 : MAX_NOTES;
      sb.setLength(end);
    }
    return sb.toString();
  }

  private String joined(String[] cells, Field field, String separator) {
    int[] cols = plan.columns(field);
    if (cols.length == 1) {
      return TextCleaner.clean(cell(cells, cols[0]));
    }
    StringBuilder sb = new StringBuilder();
    for (int col : cols) {
      String v = TextCleaner.clean(cell(cells, col));
      if (!v.isEmpty()) {
        if (sb.length() > 0) {
          sb.append(separator);
        }
        sb.append(v);
      }
    }
    return sb.toString();
  }

  /** An issue with the value of a field, named after the first column giving the field a value. */
  private CellIssue issue(int rowNumber, String[] cells, Field field, String value, Reason reason, String fix) {
    int column = plan.columns(field)[0];
    for (int col : plan.columns(field)) {
      if (!cell(cells, col).isBlank()) {
        column = col;
        break;
      }
    }
    return new CellIssue(rowNumber, plan.columnName(column), value, reason, fix);
  }

  /**
   * An issue for each cell the reader cut that feeds a field, with the part kept. A cut cell of a
   * column that feeds nothing changes nothing in the GHL file (the column is left out whole, and
   * listed as unmapped in the report), so it is not listed, as error values there are not.
   */
  private void cutCells(int rowNumber, String[] cells, int[] cut, Tally tally) {
    for (int col : cut) {
      if (col < cells.length && plan.feeds(col)) {
        tally.issue(new CellIssue(rowNumber, plan.columnName(col), cells[col], Reason.CELL_TOO_LONG, null));
      }
    }
  }

  /** The row with the error values of its mapped cells (#N/A, #VALUE! ...) blanked, each an issue. */
  private String[] withoutExcelErrors(int rowNumber, String[] cells, Tally tally) {
    String[] out = cells;
    for (int i = 0; i < cells.length; i++) {
      String v = cells[i];
      if (v != null && v.length() >= 4 && v.charAt(0) == '#' && plan.feeds(i) && EXCEL_ERRORS.contains(v.strip())) {
        if (out == cells) {
          out = cells.clone();
        }
        out[i] = "";
        tally.issue(new CellIssue(rowNumber, plan.columnName(i), v, Reason.EXCEL_ERROR, null));
      }
    }
    return out;
  }

  /** The first non-blank cell among the columns feeding a field, "" when none. */
  /** {@link #first} for a name field, passing over values that are never a name ({@code 15}, {@code ${nome}}). */
  private String firstName(String[] cells, Field field) {
    for (int col : plan.columns(field)) {
      String v = cell(cells, col);
      if (!v.isBlank() && !NotAName.test(v)) {
        return v;
      }
    }
    return "";
  }

  private String first(String[] cells, Field field) {
    for (int col : plan.columns(field)) {
      String v = cell(cells, col);
      if (!v.isEmpty() && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }

  private static String cell(String[] cells, int col) {
    return col < cells.length && cells[col] != null ? cells[col] : "";
  }

  private static boolean isBlank(String[] cells) {
    for (String s : cells) {
      if (s != null && !s.isBlank()) {
        return false;
      }
    }
    return true;
  }
}
