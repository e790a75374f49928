package com.ghldata.engine.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one spreadsheet phone cell into E.164 numbers, libphonenumber deciding what is valid.
 *
 * <p>A cell may hold several phones ({@code 11 98765-4321 / 11 3456-7890}); each piece is judged on
 * its own, valid ones are kept in order without duplicates and the others are counted. Labels
 * ({@code Cel:}, {@code (WhatsApp)}), {@code tel:} and extensions ({@code ramal 12}, {@code ext.
 * 12}, {@code x12}, {@code #12}) are stripped before libphonenumber sees the text. A legacy
 * Brazilian mobile written with 8 digits after the area code gets its leading 9 when that makes it a
 * valid mobile (option {@code fixNinthDigit}). A bare local number after a Brazilian one in the same
 * cell ({@code (11) 98765-4321 / 98765-4322}) takes that phone's area code, as its writer meant.
 *
 * <p>Speed: {@code PhoneNumberUtil.parse} + {@code isValidNumber} + {@code format} manage about
 * 130k numbers/s, too slow for the engine. Most cells are digits with spaces, dashes, dots,
 * parentheses and maybe a leading {@code +}; for those a fast path replays libphonenumber's own
 * parsing steps (international prefix, country code with and without {@code +}, national prefix
 * and carrier code, possible lengths, number types) on the bare digits, with the patterns from
 * libphonenumber's metadata, and builds the E.164 text itself. A calling code shared by several
 * regions (+1 for the US, Canada and the Caribbean, +44, +7) is resolved to its region as
 * libphonenumber does it (getRegionCodeForNumberFromRegionList): in libphonenumber itself those
 * numbers cost 50-130 µs each, because checking 25 regions' patterns overflows its 100-entry regex
 * cache and recompiles them for every number. Shapes it cannot replay exactly (letters, numbers
 * that start with an international prefix) go to libphonenumber. {@link #normalizeSlow} is the
 * pure-libphonenumber reference the fast path is tested against.
 *
 * <p>Thread-safe and cheap to share: all state is immutable or a concurrent cache.
 */
public final class PhoneNormalizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final MetadataSource METADATA =
      DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
  private static final Set<String> REGIONS = UTIL.getSupportedRegions();
  /** Every calling code libphonenumber knows, geographic or not (its countryCallingCodeToRegionCodeMap). */
  private static final boolean[] CALLING_CODES = callingCodes();

  private static final int BRAZIL_CALLING_CODE = 55;
  /** libphonenumber's limits (PhoneNumberUtil.MAX_INPUT_STRING_LENGTH, MIN/MAX_LENGTH_FOR_NSN). */
  private static final int MAX_PARSE_INPUT = 250;

  private static final int MIN_NSN = 2;
  private static final int MAX_NSN = 17;
  /** Country code + 17 digits + a national prefix with carrier code stays well below this. */
  private static final int MAX_FAST_DIGITS = 32;

  /** Verdicts of the fast path besides a valid Phone; compared by identity. */
  private static final Phone INVALID = new Phone("", "", false);

  private static final Phone NOT_SIMPLE = new Phone("", "", false);
  private static final Phone UNSURE = new Phone("", "", false);

  private static final PhoneCell ONE_INVALID = new PhoneCell(List.of(), 1);

  private static final Set<String> EXTENSION_WORDS =
      Set.of("ramal", "r", "ext", "extn", "extension", "extensao", "extensão", "x");

  /**
   * Per calling code, filled lazily: the rules of its regions in libphonenumber's order (the main
   * country first); empty when libphonenumber knows no region for it (+800 and the other
   * non-geographic codes).
   */
  private static final AtomicReferenceArray<Optional<List<CountryRules>>> RULES_BY_CALLING_CODE =
      new AtomicReferenceArray<>(1000);
  private static final ConcurrentHashMap<String, RegionContext> CONTEXTS =
      new ConcurrentHashMap<>();

  private final RegionContext defaultContext;
  private final boolean fixNinthDigit;

  /**
   * @param defaultRegion ISO 3166 alpha-2 region for numbers written without a country code, e.g. BR
   * @param fixNinthDigit give legacy 8-digit Brazilian mobiles their leading 9
   */
  public PhoneNormalizer(String defaultRegion, boolean fixNinthDigit) {
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    RegionContext context = contextOrNull(defaultRegion);
    if (context == null) {
      throw new IllegalArgumentException(
          "defaultRegion must be a region libphonenumber knows, e.g. BR, but was: " + defaultRegion);
    }
    this.defaultContext = context;
    this.fixNinthDigit = fixNinthDigit;
  }

  /**
   * Every phone in one cell; region null means the default region. A region libphonenumber does not
   * know (a typo, a blank) also means the default region: the row still deserves its phone.
   */
  public PhoneCell normalize(String raw, String region) {
    return normalizeCell(raw, context(region), true);
  }

  /** The same as {@link #normalize} with libphonenumber alone: the reference for the fast path. */
  PhoneCell normalizeSlow(String raw, String region) {
    return normalizeCell(raw, context(region), false);
  }

  /**
   * Whether the fast path decides one piece (a phone already split from its cell) by itself, without
   * libphonenumber: lets the agreement test check that it compares the fast path, not the fallback.
   */
  boolean decidedByFastPath(String piece, String region) {
    int from = skipSpaceForward(piece, 0, piece.length());
    int to = skipSpaceBackward(piece, from, piece.length());
    Phone verdict = fastOrCleanedFast(piece, from, withoutExcelDecimal(piece, from, to), context(region));
    return verdict != NOT_SIMPLE && verdict != UNSURE;
  }

  // ---------------------------------------------------------------- cell splitting

  private PhoneCell normalizeCell(String raw, RegionContext ctx, boolean useFastPath) {
    if (raw == null) {
      return PhoneCell.EMPTY;
    }
    int len = raw.length();
    int start = skipSpaceForward(raw, 0, len);
    if (start == len) {
      return PhoneCell.EMPTY;
    }
    // 5.51199E+12 is what a spreadsheet shows for a number too wide for its column: the digits that
    // made it a phone are gone, so it must not become a wrong phone (nor two pieces at the comma).
    if (isScientificNotation(raw, start, len)) {
      return ONE_INVALID;
    }
    CellBuilder cell = new CellBuilder();
    int pieceStart = start;
    for (int i = start; i < len; i++) {
      char c = raw.charAt(i);
      int next = -1;
      if (c == '/' || c == ';' || c == ',' || c == '|' || c == '\n' || c == '\r') {
        next = i + 1;
      } else if (c == ':' && raw.startsWith(":::", i)) {
        // Google Contacts joins the values of one field with " ::: ".
        next = i + 3;
      } else if (isSpace(c)) {
        next = wordSeparatorEnd(raw, i, len);
      }
      if (next >= 0) {
        piece(raw, pieceStart, i, ctx, useFastPath, cell);
        pieceStart = next;
        i = next - 1;
      }
    }
    piece(raw, pieceStart, len, ctx, useFastPath, cell);
    return cell.build();
  }

  /** " ou ", " or ", " e " between two phones: index just past the word, or -1. */
  private static int wordSeparatorEnd(String s, int space, int len) {
    int w = space + 1;
    if (w + 1 < len && isSpace(s.charAt(w + 1)) && (s.charAt(w) == 'e' || s.charAt(w) == 'E')) {
      return w + 1;
    }
    if (w + 2 < len && isSpace(s.charAt(w + 2)) && (s.charAt(w) == 'o' || s.charAt(w) == 'O')) {
      char c = s.charAt(w + 1);
      if (c == 'u' || c == 'U' || c == 'r' || c == 'R') {
        return w + 2;
      }
    }
    return -1;
  }

  private void piece(
      String s, int from, int to, RegionContext ctx, boolean useFastPath, CellBuilder cell) {
    from = skipSpaceForward(s, from, to);
    to = skipSpaceBackward(s, from, to);
    if (from == to) {
      return;
    }
    to = withoutExcelDecimal(s, from, to);
    Phone verdict = decide(s, from, to, ctx, useFastPath);
    if (verdict == INVALID && to - from > 2 && s.startsWith("00", from)) {
      // 00 is the international prefix of most of the world (0055 11…, 00351…), but a Brazilian
      // one needs a carrier code and libphonenumber reads 0055 as "carrier 55, country 1".
      String international = "+" + s.substring(from + 2, to);
      verdict = decide(international, 0, international.length(), ctx, useFastPath);
    }
    if (verdict == INVALID && cell.brazilianArea != null) {
      // "(11) 98765-4321 / 98765-4322": the second number is written without the area code the
      // first one gave. A bare 8- or 9-digit local number borrows it, and is still judged as a
      // whole (a typo stays invalid).
      String local = localDigits(s, from, to);
      if (local != null) {
        String withArea = "+55" + cell.brazilianArea + local;
        verdict = decide(withArea, 0, withArea.length(), ctx, useFastPath);
      }
    }
    if (verdict == INVALID) {
      cell.invalid++;
    } else {
      cell.add(verdict);
    }
  }

  /**
   * The digits of a Brazilian local number written alone ({@code 98765-4322}, {@code 3456 7890}):
   * 8 or 9 digits, separated at most by one dash, dot or space; else null.
   */
  private static String localDigits(String s, int from, int to) {
    char[] digits = new char[9];
    int n = 0;
    boolean separated = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (isAsciiDigit(c)) {
        if (n == digits.length) {
          return null;
        }
        digits[n++] = c;
      } else if ((c == '-' || c == '.' || c == ' ') && !separated && n > 0 && i + 1 < to) {
        separated = true;
      } else {
        return null;
      }
    }
    return n >= 8 ? new String(digits, 0, n) : null;
  }

  /** A valid Phone or INVALID for one trimmed piece. */
  private Phone decide(String s, int from, int to, RegionContext ctx, boolean useFastPath) {
    Phone verdict = useFastPath ? fastOrCleanedFast(s, from, to, ctx) : UNSURE;
    if (verdict == NOT_SIMPLE || verdict == UNSURE) {
      String cleaned = clean(s, from, to);
      verdict = cleaned == null ? INVALID : slow(cleaned, ctx);
    }
    return verdict;
  }

  /** The fast path on the piece as written, or, when it has labels or odd characters, cleaned. */
  private Phone fastOrCleanedFast(String s, int from, int to, RegionContext ctx) {
    Phone verdict = fast(s, from, to, ctx);
    if (verdict == NOT_SIMPLE) {
      String cleaned = clean(s, from, to);
      verdict = cleaned == null ? INVALID : fast(cleaned, 0, cleaned.length(), ctx);
    }
    return verdict;
  }

  private static int skipSpaceForward(String s, int from, int to) {
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    return from;
  }

  private static int skipSpaceBackward(String s, int from, int to) {
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  /** 5511987654321.0 (a numeric cell rendered as a double): end of the digits, else {@code to}. */
  private static int withoutExcelDecimal(String s, int from, int to) {
    int i = to - 1;
    while (i > from && s.charAt(i) == '0') {
      i--;
    }
    if (i == to - 1 || s.charAt(i) != '.') {
      return to;
    }
    int dot = i;
    int j = from;
    if (s.charAt(j) == '+') {
      j++;
    }
    if (j == dot) {
      return to;
    }
    for (; j < dot; j++) {
      if (!isAsciiDigit(s.charAt(j))) {
        return to;
      }
    }
    return dot;
  }

  /**
   * True for a cell like {@code 5,58199E+12}: a number a spreadsheet showed in scientific notation
   * and saved that way, whose digits are gone.
   */
  public static boolean isScientificNotation(String cell) {
    return isScientificNotation(cell, skipSpaceForward(cell, 0, cell.length()), cell.length());
  }

  private static boolean isScientificNotation(String s, int from, int to) {
    to = skipSpaceBackward(s, from, to);
    int i = from;
    if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int mantissaDigits = 0;
    while (i < to && isAsciiDigit(s.charAt(i))) {
      i++;
      mantissaDigits++;
    }
    if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
      i++;
      while (i < to && isAsciiDigit(s.charAt(i))) {
        i++;
        mantissaDigits++;
      }
    }
    if (mantissaDigits == 0 || i >= to || (s.charAt(i) != 'E' && s.charAt(i) != 'e')) {
      return false;
    }
    i++;
    if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int exponentDigits = 0;
    while (i < to && isAsciiDigit(s.charAt(i))) {
      i++;
      exponentDigits++;
    }
    return exponentDigits > 0 && i == to;
  }

  /**
   * The piece as libphonenumber should see it, or null when it is certainly no phone (an e-mail).
   * Words are labels ("Cel:", "WhatsApp", "tel:") and go, except an extension word after the digits
   * ("ramal 12", "r. 12", "ext. 12", "x12"), which ends the number like '#' does. Invisible format
   * characters (bidi marks WhatsApp puts around numbers, zero-width spaces) go; any white space
   * becomes a plain space.
   */
  private static String clean(String s, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    boolean digitSeen = false;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '@') {
        return null;
      }
      if (Character.isLetter(c)) {
        int end = i + 1;
        while (end < to && Character.isLetter(s.charAt(end))) {
          end++;
        }
        if (digitSeen
            && EXTENSION_WORDS.contains(s.substring(i, end).toLowerCase(Locale.ROOT))) {
          break;
        }
        out.append(' ');
        i = end;
        continue;
      }
      if (c == '#') {
        if (digitSeen) {
          break;
        }
        out.append(' ');
      } else if (c == ':' || isSpace(c)) {
        out.append(' ');
      } else if (Character.getType(c) != Character.FORMAT) {
        digitSeen |= Character.isDigit(c);
        out.append(c);
      }
      i++;
    }
    return out.toString().trim();
  }

  // ---------------------------------------------------------------- libphonenumber (reference)

  private Phone slow(String cleaned, RegionContext ctx) {
    if (cleaned.isEmpty()) {
      return INVALID;
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(cleaned, ctx.region);
    } catch (NumberParseException e) {
      return INVALID;
    }
    if (UTIL.isValidNumber(number)) {
      return new Phone(
          UTIL.format(number, PhoneNumberFormat.E164), UTIL.getRegionCodeForNumber(number), false);
    }
    if (fixNinthDigit && number.getCountryCode() == BRAZIL_CALLING_CODE) {
      String nsn = UTIL.getNationalSignificantNumber(number);
      if (isLegacyMobileShape(nsn)) {
        PhoneNumber withNine =
            new PhoneNumber()
                .setCountryCode(BRAZIL_CALLING_CODE)
                .setNationalNumber(Long.parseLong(withNinthDigit(nsn)));
        if (UTIL.getNumberType(withNine) == PhoneNumberType.MOBILE) {
          return new Phone(
              UTIL.format(withNine, PhoneNumberFormat.E164),
              UTIL.getRegionCodeForNumber(withNine),
              true);
        }
      }
    }
    return INVALID;
  }

  /**
   * Area code (11-99) + 8 digits starting 6-9: how mobiles were written before the ninth digit.
   * Landlines start 2-5; a 0 or 1 there is a typo, and guessing a mobile from it would invent a
   * number.
   */
  private static boolean isLegacyMobileShape(String nsn) {
    return nsn.length() == 10
        && nsn.charAt(0) != '0'
        && nsn.charAt(2) >= '6'
        && nsn.charAt(2) <= '9';
  }

  private static String withNinthDigit(String nsn) {
    return nsn.substring(0, 2) + '9' + nsn.substring(2);
  }

  // ---------------------------------------------------------------- fast path

  /**
   * Replays PhoneNumberUtil.parseHelper, isValidNumber and format(E164) on a piece made only of
   * ASCII digits, spaces, '-', '.', '(', ')' and one leading '+'. Returns a valid Phone, INVALID,
   * NOT_SIMPLE (other characters: clean first) or UNSURE (libphonenumber must decide). Each step
   * cites the libphonenumber method it mirrors so the two can be compared line by line.
   */
  private Phone fast(String s, int from, int to, RegionContext ctx) {
    if (to - from > MAX_PARSE_INPUT) {
      return NOT_SIMPLE;
    }
    char[] d = new char[MAX_FAST_DIGITS];
    int n = 0;
    boolean plus = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (n == MAX_FAST_DIGITS) {
          return UNSURE;
        }
        d[n++] = c;
      } else if (c == '+') {
        if (plus || n > 0) {
          return NOT_SIMPLE;
        }
        plus = true;
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        return NOT_SIMPLE;
      }
    }
    // Not viable / TOO_SHORT_AFTER_IDD / TOO_SHORT_NSN in libphonenumber, and anyway the shortest
    // valid numbers in its metadata have 4 digits.
    if (n <= MIN_NSN) {
      return INVALID;
    }
    String digits = new String(d, 0, n);
    CountryRules rules;
    String national;
    if (plus) {
      // maybeExtractCountryCode, FROM_NUMBER_WITH_PLUS_SIGN: extractCountryCode. A leading 0 or an
      // unknown code takes libphonenumber's retry-without-plus branch: leave that to it.
      int ccLength = callingCodeLength(d, n);
      if (ccLength == 0) {
        return UNSURE;
      }
      rules = rulesFor(Integer.parseInt(digits, 0, ccLength, 10));
      if (rules == null) {
        return UNSURE;
      }
      national = digits.substring(ccLength);
    } else {
      rules = ctx.rules;
      // An international prefix (00 + carrier in Brazil) is rare in the data: libphonenumber's.
      if (rules == null
          || ctx.internationalPrefix == null
          || ctx.internationalPrefix.lookingAt(digits)) {
        return UNSURE;
      }
      national = digits;
      // maybeExtractCountryCode, FROM_DEFAULT_COUNTRY: the region's code written without '+'.
      if (digits.startsWith(rules.callingCodeText)) {
        String potential =
            rules.stripNationalPrefix(digits.substring(rules.callingCodeText.length()));
        if ((!rules.general.patternMatches(digits) && rules.general.patternMatches(potential))
            || rules.lengthVerdict(digits) == LengthVerdict.TOO_LONG) {
          national = potential;
          // parseHelper: a calling code found in the number switches to its main country's
          // metadata (US for a Canadian default region), as for a number written with '+'.
          rules = rulesFor(rules.callingCode);
        }
      }
    }
    if (national.length() < MIN_NSN) {
      return INVALID;
    }
    // parseHelper: national prefix and carrier code, kept only if what remains is a possible length.
    String stripped = rules.stripNationalPrefix(national);
    if (stripped != national) {
      LengthVerdict verdict = rules.lengthVerdict(stripped);
      if (verdict != LengthVerdict.TOO_SHORT
          && verdict != LengthVerdict.LOCAL_ONLY
          && verdict != LengthVerdict.INVALID_LENGTH) {
        national = stripped;
      }
    }
    if (national.length() < MIN_NSN || national.length() > MAX_NSN) {
      return INVALID;
    }
    CountryRules valid = rules.validRegion(national);
    if (valid != null) {
      return new Phone(rules.e164(national), valid.region, false);
    }
    if (fixNinthDigit
        && rules.callingCode == BRAZIL_CALLING_CODE
        && isLegacyMobileShape(national)) {
      String withNine = withNinthDigit(national);
      if (rules.type(withNine) == PhoneNumberType.MOBILE) {
        return new Phone(rules.e164(withNine), rules.region, true);
      }
    }
    return INVALID;
  }

  /** extractCountryCode: length of the first 1-3 digit prefix that is a calling code, else 0. */
  private static int callingCodeLength(char[] d, int n) {
    if (d[0] == '0') {
      return 0;
    }
    int code = 0;
    for (int i = 0; i < 3 && i < n; i++) {
      code = code * 10 + (d[i] - '0');
      if (CALLING_CODES[code]) {
        return i + 1;
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- regions and their rules

  private RegionContext context(String region) {
    if (region == null || region.equals(defaultContext.region)) {
      return defaultContext;
    }
    RegionContext context = contextOrNull(region);
    return context == null ? defaultContext : context;
  }

  private static RegionContext contextOrNull(String region) {
    RegionContext context = CONTEXTS.get(region);
    if (context != null) {
      return context;
    }
    String code = region.trim().toUpperCase(Locale.ROOT);
    if (!REGIONS.contains(code)) {
      return null; // not cached: a file full of junk regions must not grow the map
    }
    return CONTEXTS.computeIfAbsent(code, RegionContext::new);
  }

  private static boolean[] callingCodes() {
    boolean[] known = new boolean[1000];
    for (int code : UTIL.getSupportedCallingCodes()) {
      known[code] = true;
    }
    return known;
  }

  /**
   * The rules a number written with this calling code is parsed with: its region's (55 BR), or for a
   * shared code the main country's (1 US), as getRegionCodeForCountryCode picks; null when unknown.
   */
  private static CountryRules rulesFor(int callingCode) {
    List<CountryRules> regions = regionsOf(callingCode);
    return regions == null ? null : regions.get(0);
  }

  /** The rules of one region, for numbers written without a calling code; null when unknown. */
  private static CountryRules rulesForRegion(String region, int callingCode) {
    List<CountryRules> regions = regionsOf(callingCode);
    if (regions != null) {
      for (CountryRules rules : regions) {
        if (rules.region.equals(region)) {
          return rules;
        }
      }
    }
    return null;
  }

  private static List<CountryRules> regionsOf(int callingCode) {
    Optional<List<CountryRules>> rules = RULES_BY_CALLING_CODE.get(callingCode);
    if (rules == null) {
      List<String> codes = UTIL.getRegionCodesForCountryCode(callingCode);
      if (codes.isEmpty() || !REGIONS.containsAll(codes)) {
        rules = Optional.empty();
      } else {
        List<CountryRules> regions = new ArrayList<>(codes.size());
        for (String code : codes) {
          regions.add(new CountryRules(code, METADATA.getMetadataForRegion(code), regions));
        }
        rules = Optional.of(Collections.unmodifiableList(regions));
      }
      RULES_BY_CALLING_CODE.compareAndSet(callingCode, null, rules);
      rules = RULES_BY_CALLING_CODE.get(callingCode);
    }
    return rules.orElse(null);
  }

  private static final class RegionContext {
    final String region;
    /** Null only for a region libphonenumber has no calling code rules for. */
    final CountryRules rules;

    final MetadataPattern internationalPrefix;

    RegionContext(String region) {
      this.region = region;
      PhoneMetadata metadata = METADATA.getMetadataForRegion(region);
      this.rules = rulesForRegion(region, metadata.getCountryCode());
      this.internationalPrefix = MetadataPattern.compile(metadata.getInternationalPrefix());
    }
  }

  /**
   * A metadata regex for digit strings: the DigitPattern automaton answers whether it matches, and
   * java.util.regex (as libphonenumber compiles it) is kept for what an automaton cannot tell
   * (where a prefix match ends, its groups) and for the few patterns outside DigitPattern's syntax.
   */
  private static final class MetadataPattern {
    final Pattern regex;
    private final DigitPattern automaton;

    private MetadataPattern(String regex) {
      this.regex = Pattern.compile(regex);
      this.automaton = DigitPattern.compile(regex);
    }

    /** Null for an empty pattern: no number type, no national prefix (see each caller). */
    static MetadataPattern compile(String regex) {
      return regex == null || regex.isEmpty() ? null : new MetadataPattern(regex);
    }

    boolean matches(String digits) {
      return automaton != null ? automaton.matches(digits) : regex.matcher(digits).matches();
    }

    boolean lookingAt(String digits) {
      return automaton != null
          ? automaton.matchesSomePrefix(digits)
          : regex.matcher(digits).lookingAt();
    }
  }

  private enum LengthVerdict {
    POSSIBLE,
    LOCAL_ONLY,
    TOO_SHORT,
    TOO_LONG,
    INVALID_LENGTH
  }

  /** One number type's description from the metadata (PhoneNumberDesc), compiled once. */
  private static final class Desc {
    /** Null when the description lists no lengths: it then takes the general description's. */
    private final boolean[] lengths;

    private final MetadataPattern pattern;

    Desc(PhoneNumberDesc desc) {
      List<Integer> possible = desc.getPossibleLengthList();
      if (possible.isEmpty()) {
        lengths = null;
      } else {
        lengths = new boolean[MAX_FAST_DIGITS + 1];
        for (int length : possible) {
          if (length > 0 && length <= MAX_FAST_DIGITS) {
            lengths[length] = true;
          }
        }
      }
      pattern = MetadataPattern.compile(desc.getNationalNumberPattern());
    }

    /** RegexBasedMatcher.matchNationalNumber without prefix matching. */
    boolean patternMatches(String nsn) {
      return pattern != null && pattern.matches(nsn);
    }

    /** PhoneNumberUtil.isNumberMatchingDesc. */
    boolean matches(String nsn) {
      if (lengths != null && (nsn.length() >= lengths.length || !lengths[nsn.length()])) {
        return false;
      }
      return patternMatches(nsn);
    }
  }

  /** A region's numbering plan from libphonenumber's metadata, as the fast path needs it. */
  private static final class CountryRules {
    final String region;
    final int callingCode;
    final String callingCodeText;
    final Desc general;
    final Desc fixedLine;
    final Desc mobile;
    final boolean sameMobileAndFixedLinePattern;
    /** The types getNumberTypeHelper checks before fixed line and mobile, in its order. */
    final Desc[] otherTypes;

    final PhoneNumberType[] otherTypeNames;
    final int[] generalLengths;
    final int[] localOnlyLengths;
    final MetadataPattern nationalPrefixForParsing;
    final String nationalPrefixTransformRule;
    /**
     * PhoneMetadata.leadingDigits: the start of the numbers of this region within a shared calling
     * code (242 for the Bahamas in +1); null when the metadata has none.
     */
    final MetadataPattern leadingDigits;

    final boolean hasLeadingDigits;
    /** Every region of this calling code, in libphonenumber's order, this one among them. */
    private final List<CountryRules> sharingCode;

    /**
     * @param sharingCode the list this region's rules and those of the other regions of its calling
     *     code are being added to, in libphonenumber's order
     */
    CountryRules(String region, PhoneMetadata m, List<CountryRules> sharingCode) {
      this.region = region;
      this.sharingCode = sharingCode;
      this.hasLeadingDigits = m.hasLeadingDigits();
      this.leadingDigits = MetadataPattern.compile(m.getLeadingDigits());
      this.callingCode = m.getCountryCode();
      this.callingCodeText = Integer.toString(callingCode);
      this.general = new Desc(m.getGeneralDesc());
      this.fixedLine = new Desc(m.getFixedLine());
      this.mobile = new Desc(m.getMobile());
      this.sameMobileAndFixedLinePattern = m.getSameMobileAndFixedLinePattern();
      this.otherTypes =
          new Desc[] {
            new Desc(m.getPremiumRate()),
            new Desc(m.getTollFree()),
            new Desc(m.getSharedCost()),
            new Desc(m.getVoip()),
            new Desc(m.getPersonalNumber()),
            new Desc(m.getPager()),
            new Desc(m.getUan()),
            new Desc(m.getVoicemail())
          };
      this.otherTypeNames =
          new PhoneNumberType[] {
            PhoneNumberType.PREMIUM_RATE,
            PhoneNumberType.TOLL_FREE,
            PhoneNumberType.SHARED_COST,
            PhoneNumberType.VOIP,
            PhoneNumberType.PERSONAL_NUMBER,
            PhoneNumberType.PAGER,
            PhoneNumberType.UAN,
            PhoneNumberType.VOICEMAIL
          };
      this.generalLengths =
          m.getGeneralDesc().getPossibleLengthList().stream().mapToInt(Integer::intValue).toArray();
      this.localOnlyLengths =
          m.getGeneralDesc().getPossibleLengthLocalOnlyList().stream()
              .mapToInt(Integer::intValue)
              .toArray();
      this.nationalPrefixForParsing = MetadataPattern.compile(m.getNationalPrefixForParsing());
      String rule = m.getNationalPrefixTransformRule();
      this.nationalPrefixTransformRule = rule == null || rule.isEmpty() ? null : rule;
    }

    String e164(String nsn) {
      return new StringBuilder(1 + callingCodeText.length() + nsn.length())
          .append('+')
          .append(callingCodeText)
          .append(nsn)
          .toString();
    }

    /**
     * isValidNumber: the region getRegionCodeForNumber finds for a national number of this calling
     * code, when the number is valid there (isValidNumberForRegion), else null.
     */
    CountryRules validRegion(String nsn) {
      if (sharingCode.size() == 1) {
        return isValid(nsn) ? this : null;
      }
      // getRegionCodeForNumberFromRegionList: the first region whose leading digits start the
      // number, or, for a region without leading digits, whose number types it matches.
      for (CountryRules candidate : sharingCode) {
        if (candidate.hasLeadingDigits) {
          if (candidate.leadingDigits == null || candidate.leadingDigits.lookingAt(nsn)) {
            return candidate.isValid(nsn) ? candidate : null;
          }
        } else if (candidate.isValid(nsn)) {
          return candidate;
        }
      }
      return null;
    }

    /** getNumberTypeHelper != UNKNOWN in this region. */
    boolean isValid(String nsn) {
      if (!general.matches(nsn)) {
        return false;
      }
      // The common answers first; validity does not depend on which type matches.
      if (fixedLine.matches(nsn) || (!sameMobileAndFixedLinePattern && mobile.matches(nsn))) {
        return true;
      }
      for (Desc type : otherTypes) {
        if (type.matches(nsn)) {
          return true;
        }
      }
      return false;
    }

    /** PhoneNumberUtil.getNumberTypeHelper. */
    PhoneNumberType type(String nsn) {
      if (!general.matches(nsn)) {
        return PhoneNumberType.UNKNOWN;
      }
      for (int i = 0; i < otherTypes.length; i++) {
        if (otherTypes[i].matches(nsn)) {
          return otherTypeNames[i];
        }
      }
      if (fixedLine.matches(nsn)) {
        return sameMobileAndFixedLinePattern || mobile.matches(nsn)
            ? PhoneNumberType.FIXED_LINE_OR_MOBILE
            : PhoneNumberType.FIXED_LINE;
      }
      if (!sameMobileAndFixedLinePattern && mobile.matches(nsn)) {
        return PhoneNumberType.MOBILE;
      }
      return PhoneNumberType.UNKNOWN;
    }

    /** testNumberLength for type UNKNOWN, i.e. against the general description. */
    LengthVerdict lengthVerdict(String number) {
      if (generalLengths[0] == -1) {
        return LengthVerdict.INVALID_LENGTH;
      }
      int length = number.length();
      for (int local : localOnlyLengths) {
        if (local == length) {
          return LengthVerdict.LOCAL_ONLY;
        }
      }
      if (generalLengths[0] == length) {
        return LengthVerdict.POSSIBLE;
      }
      if (generalLengths[0] > length) {
        return LengthVerdict.TOO_SHORT;
      }
      if (generalLengths[generalLengths.length - 1] < length) {
        return LengthVerdict.TOO_LONG;
      }
      for (int i = 1; i < generalLengths.length; i++) {
        if (generalLengths[i] == length) {
          return LengthVerdict.POSSIBLE;
        }
      }
      return LengthVerdict.INVALID_LENGTH;
    }

    /**
     * maybeStripNationalPrefixAndCarrierCode: the number without its national prefix (and carrier
     * code, BR 0 15 11…), or the same instance when nothing is stripped.
     */
    String stripNationalPrefix(String number) {
      if (number.isEmpty()
          || nationalPrefixForParsing == null
          || !nationalPrefixForParsing.lookingAt(number)) {
        return number;
      }
      // The automaton said a prefix matches; libphonenumber's regex says which one, and its groups.
      Matcher m = nationalPrefixForParsing.regex.matcher(number);
      if (!m.lookingAt()) {
        return number;
      }
      boolean viableOriginal = general.patternMatches(number);
      int groups = m.groupCount();
      String result;
      if (nationalPrefixTransformRule == null || m.group(groups) == null) {
        result = number.substring(m.end());
      } else {
        result = m.replaceFirst(nationalPrefixTransformRule);
      }
      if (viableOriginal && !general.patternMatches(result)) {
        return number;
      }
      return result;
    }
  }

  /** Collects one cell's phones: in order, each E.164 once. */
  private static final class CellBuilder {
    private Phone first;
    /** Every phone of the cell once a second one comes (most cells hold one). */
    private Distinct<Phone> all;
    int invalid;
    /** The area code of the last Brazilian phone of the cell, for a later one written without it. */
    String brazilianArea;

    void add(Phone phone) {
      String e164 = phone.e164();
      if (e164.startsWith("+55") && e164.length() >= 7) {
        brazilianArea = e164.substring(3, 5);
      }
      if (first == null) {
        first = phone;
        return;
      }
      if (all == null) {
        if (first.e164().equals(e164)) {
          return;
        }
        all = Distinct.phones();
        all.add(first);
      }
      all.add(phone);
    }

    PhoneCell build() {
      if (first == null) {
        return invalid == 0 ? PhoneCell.EMPTY : invalid == 1 ? ONE_INVALID : new PhoneCell(List.of(), invalid);
      }
      List<Phone> valid = all == null ? List.of(first) : List.copyOf(all.list());
      return new PhoneCell(valid, invalid);
    }
  }

  private static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || Character.isWhitespace(c);
    }
    return c >= 0x80 && (Character.isSpaceChar(c) || Character.isWhitespace(c));
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
