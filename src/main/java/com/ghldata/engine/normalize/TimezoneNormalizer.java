package com.ghldata.engine.normalize;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time zones to IANA names.
 *
 * <p>{@link #normalize} accepts IANA names in any case and spacing ({@code america/sao paulo}),
 * their city alone when it is unambiguous ({@code Lisbon}), the names people use in Brazil and the
 * US ({@code Horário de Brasília}, {@code BRT}, {@code Eastern}, {@code PST}), Windows and Rails
 * display names ({@code (UTC-03:00) Brasília}, {@code Eastern Time (US & Canada)}) and whole-hour
 * offsets ({@code GMT-3} → {@code Etc/GMT+3}, IANA's inverted sign).
 *
 * <p>GHL's CSV import only takes the 108 zones of its own list (help article 155000005143,
 * "Supported Timezones"); {@link #forGhl} maps any zone to one on that list with the same clock,
 * e.g. {@code America/Recife} → {@code America/Sao_Paulo}. Thread-safe.
 */
public final class TimezoneNormalizer {
  /**
   * GHL's supported zones, in the order we prefer them when several keep the same time: Brazil's
   * first (this product's users), then the list as GHL publishes it. GHL also lists
   * "America/Mexico City", with a space, which is no IANA name and is left out.
   */
  private static final List<String> GHL_ZONES = List.of(
      "America/Sao_Paulo", "America/Manaus", "America/Noronha",
      "Etc/GMT+12", "Pacific/Midway", "Pacific/Honolulu", "America/Juneau", "US/Alaska",
      "America/Dawson", "America/Los_Angeles", "America/Phoenix", "America/Tijuana", "US/Arizona",
      "America/Belize", "America/Boise", "America/Chihuahua", "America/Denver", "America/Edmonton",
      "America/Guatemala", "America/Managua", "America/Regina", "Canada/Saskatchewan", "US/Mountain",
      "America/Bahia_Banderas", "America/Bogota", "America/Cancun", "America/Chicago", "US/Central",
      "America/Caracas", "America/Detroit", "America/Indiana/Indianapolis", "America/Louisville",
      "America/New_York", "America/Santiago", "America/Santo_Domingo", "America/Toronto",
      "US/East-Indiana", "US/Eastern", "America/Argentina/Buenos_Aires", "America/Glace_Bay",
      "America/Montevideo", "Canada/Atlantic", "America/St_Johns", "Canada/Newfoundland",
      "America/Godthab", "Etc/GMT+2", "Atlantic/Cape_Verde", "Atlantic/Azores", "UTC",
      "Europe/London", "Africa/Algiers", "Africa/Casablanca", "Africa/Lagos", "Atlantic/Canary",
      "Africa/Cairo", "Africa/Harare", "Europe/Amsterdam", "Europe/Belgrade", "Europe/Brussels",
      "Europe/Madrid", "Europe/Oslo", "Europe/Sarajevo", "Africa/Nairobi", "Asia/Amman",
      "Asia/Baghdad", "Asia/Jerusalem", "Asia/Kuwait", "Asia/Qatar", "Europe/Athens",
      "Europe/Bucharest", "Europe/Helsinki", "Europe/Moscow", "Asia/Baku", "Asia/Dubai",
      "Asia/Kabul", "Asia/Tehran", "Asia/Karachi", "Asia/Yekaterinburg", "Asia/Colombo",
      "Asia/Kolkata", "Asia/Calcutta", "Asia/Kathmandu", "Asia/Almaty", "Asia/Dhaka",
      "Asia/Rangoon", "Asia/Bangkok", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Kuala_Lumpur",
      "Asia/Shanghai", "Asia/Taipei", "Australia/Perth", "Asia/Seoul", "Asia/Tokyo", "Asia/Yakutsk",
      "Australia/Adelaide", "Australia/Darwin", "Asia/Vladivostok", "Australia/Brisbane",
      "Australia/Canberra", "Australia/Hobart", "Australia/Sydney", "Pacific/Guam", "Asia/Magadan",
      "Pacific/Auckland", "Pacific/Fiji", "Pacific/Tongatapu");

  /**
   * Names people use instead of IANA ids, by target zone; matched folded (case, accents, spaces,
   * punctuation and "de/do" ignored). Legacy ids that GHL lists (US/Eastern) are not aliased.
   */
  private static final String[][] ALIASES = {
    {"America/Sao_Paulo", "Brasília", "Horário de Brasília", "Hora de Brasília", "Horário Brasília",
      "Horário oficial de Brasília", "BRT", "BRST", "Brasil", "Brazil", "Rio de Janeiro",
      "E. South America Standard Time", "E South America"},
    {"America/Manaus", "Horário do Amazonas", "Hora do Amazonas", "Amazonas", "AMT",
      "SA Western Standard Time"},
    {"America/Noronha", "Fernando de Noronha", "Horário de Fernando de Noronha", "FNT"},
    {"America/Rio_Branco", "Acre", "Horário do Acre", "ACT"},
    {"America/New_York", "EST", "EDT", "ET", "Eastern", "Eastern Time", "Eastern Time (US & Canada)",
      "Eastern Standard Time"},
    {"America/Chicago", "CST", "CDT", "CT", "Central", "Central Time", "Central Time (US & Canada)",
      "Central Standard Time"},
    {"America/Denver", "MST", "MDT", "MT", "Mountain", "Mountain Time", "Mountain Time (US & Canada)",
      "Mountain Standard Time"},
    {"America/Los_Angeles", "PST", "PDT", "PT", "Pacific", "Pacific Time", "Pacific Time (US & Canada)",
      "Pacific Standard Time"},
    {"America/Phoenix", "Arizona", "US Mountain Standard Time"},
    {"America/Anchorage", "AKST", "AKDT", "Alaska", "Alaskan Standard Time"},
    {"Pacific/Honolulu", "HST", "Hawaii", "Hawaiian Standard Time"},
    {"America/Argentina/Buenos_Aires", "ART", "Argentina", "Buenos Aires"},
    {"America/Mexico_City", "CDMX", "Ciudad de México", "Mexico City", "Guadalajara"},
    {"Europe/London", "GMT Standard Time", "BST", "London"},
    {"Europe/Lisbon", "Portugal", "Lisboa", "Hora de Portugal", "Horário de Portugal"},
    {"UTC", "UTC", "GMT", "Z", "Zulu", "UCT", "Universal", "Greenwich", "Coordinated Universal Time",
      "Etc/UTC", "Etc/GMT", "GMT0", "Etc/GMT0", "Etc/Universal"},
  };

  /** Region prefixes whose last part is a city people may type alone. */
  private static final Set<String> CITY_AREAS =
      Set.of("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific");

  private static final Set<String> NOT_CITIES = Set.of("north", "south", "east", "west", "act", "nsw");

  /** Ids written exactly, the common case, answered without folding (aliased ids excluded). */
  private static final Set<String> EXACT = new HashSet<>(1024);
  /** Lower-case id, spaces as underscores → id. */
  private static final Map<String, String> BY_ID = new HashMap<>(1024);
  /** Folded alias → id; checked first, so that EST means New York and Portugal means Europe/Lisbon. */
  private static final Map<String, String> BY_ALIAS = new HashMap<>(256);
  /** Folded id or unambiguous city → id. */
  private static final Map<String, String> BY_KEY = new HashMap<>(2048);
  private static final Set<String> GHL_SET = new HashSet<>(GHL_ZONES);
  private static final Map<String, String> GHL_EQUIVALENT = new ConcurrentHashMap<>();
  private static final String NONE = "";

  static {
    Set<String> ambiguous = new HashSet<>();
    Map<String, String> cities = new HashMap<>(1024);
    for (String id : ZoneId.getAvailableZoneIds()) {
      BY_ID.put(idKey(id), id);
      putUnique(BY_KEY, ambiguous, key(id), id);
      int slash = id.lastIndexOf('/');
      String area = id.substring(0, Math.max(id.indexOf('/'), 0));
      if (slash > 0 && CITY_AREAS.contains(area)) {
        String city = key(id.substring(slash + 1));
        if (!NOT_CITIES.contains(city)) {
          cities.merge(city, id, TimezoneNormalizer::preferredCity);
        }
      }
    }
    ambiguous.forEach(BY_KEY::remove);
    cities.forEach(BY_KEY::putIfAbsent);
    for (String[] alias : ALIASES) {
      for (int i = 1; i < alias.length; i++) {
        BY_ALIAS.put(key(alias[i]), alias[0]);
      }
    }
    for (String id : ZoneId.getAvailableZoneIds()) {
      if (!BY_ALIAS.containsKey(key(id))) {
        EXACT.add(id);
      }
    }
  }

  private TimezoneNormalizer() {}

  /** An IANA zone name (America/Sao_Paulo); "" for blank, null when not recognised. */
  public static String normalize(String raw) {
    String cleaned = TextCleaner.clean(raw);
    if (cleaned.isEmpty()) {
      return "";
    }
    if (EXACT.contains(cleaned)) {
      return cleaned;
    }
    String id = lookup(cleaned);
    if (id == null && cleaned.charAt(0) == '(') {
      // Windows and Rails display names: "(UTC-03:00) Brasília", "(GMT-05:00) Eastern Time (US & Canada)".
      int close = cleaned.indexOf(')');
      if (close > 0) {
        String name = TextCleaner.clean(cleaned.substring(close + 1));
        id = name.isEmpty() ? null : lookup(name);
        if (id == null) {
          id = offset(cleaned.substring(1, close));
        }
      }
    }
    return id;
  }

  /**
   * A zone GHL's CSV import accepts for the input: the normalized zone itself when GHL lists it,
   * else a listed zone that keeps the same clock over the next two years (America/Recife →
   * America/Sao_Paulo, Europe/Lisbon → Europe/London); "" for blank, null when the input is not
   * recognised or no listed zone keeps its clock.
   */
  public static String forGhl(String raw) {
    String id = normalize(raw);
    if (id == null || id.isEmpty() || GHL_SET.contains(id)) {
      return id;
    }
    String equivalent = GHL_EQUIVALENT.computeIfAbsent(id, TimezoneNormalizer::equivalentGhlZone);
    return equivalent.isEmpty() ? null : equivalent;
  }

  /** True when GHL's CSV import lists this exact zone name. */
  public static boolean acceptedByGhl(String zone) {
    return GHL_SET.contains(zone);
  }

  private static String lookup(String s) {
    if (hasOffsetSign(s)) {
      // Folding drops the sign, so "GMT+3" must not reach the folded tables (it would read as "GMT").
      String id = BY_ID.get(idKey(s));
      return id != null ? id : offset(s);
    }
    String key = key(s);
    String id = BY_ALIAS.get(key);
    if (id == null) {
      id = BY_ID.get(idKey(s));
    }
    if (id == null) {
      id = BY_KEY.get(key);
    }
    return id != null ? id : offset(s);
  }

  private static boolean hasOffsetSign(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '\u2212' || (c == '-' && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9')) {
        return true;
      }
    }
    return false;
  }

  /** {@code GMT-3}, {@code UTC -03:00}, {@code -03}: whole-hour offsets as {@code Etc/GMT±h}, zero as UTC. */
  private static String offset(String s) {
    int n = s.length();
    int i = 0;
    if (s.regionMatches(true, 0, "GMT", 0, 3) || s.regionMatches(true, 0, "UTC", 0, 3)) {
      i = 3;
    }
    while (i < n && s.charAt(i) == ' ') {
      i++;
    }
    if (i == n) {
      return null;
    }
    char sign = s.charAt(i);
    boolean west = sign == '-' || sign == '\u2212';
    if (!west && sign != '+') {
      return null;
    }
    i++;
    int hours = 0;
    int digits = 0;
    while (i < n && digits < 2 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      hours = hours * 10 + (s.charAt(i++) - '0');
      digits++;
    }
    if (digits == 0) {
      return null;
    }
    if (i < n && (s.charAt(i) == ':' || s.charAt(i) == 'h' || s.charAt(i) == 'H')) {
      i++;
    }
    if (i < n && !(s.startsWith("00", i) && i + 2 == n)) {
      return null; // half-hour offsets have no Etc zone; trailing text is not an offset
    }
    if (hours == 0) {
      return "UTC";
    }
    if (hours > (west ? 12 : 14)) {
      return null;
    }
    return "Etc/GMT" + (west ? "+" : "-") + hours; // IANA's Etc zones invert the sign
  }

  private static String equivalentGhlZone(String id) {
    ZoneRules rules = ZoneId.of(id).getRules();
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS);
    for (String candidate : GHL_ZONES) {
      if (sameClock(rules, ZoneId.of(candidate).getRules(), start)) {
        return candidate;
      }
    }
    return NONE;
  }

  /** Same UTC offset at noon every five days for two years: same clock for scheduling purposes. */
  private static boolean sameClock(ZoneRules a, ZoneRules b, Instant start) {
    for (int day = 0; day <= 730; day += 5) {
      Instant t = start.plus(day, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
      ZoneOffset offset = a.getOffset(t);
      if (!offset.equals(b.getOffset(t))) {
        return false;
      }
    }
    return true;
  }

  /** Of two zones for one city name, the one GHL lists, else the longer (newer, canonical) id. */
  private static String preferredCity(String a, String b) {
    if (GHL_SET.contains(a) != GHL_SET.contains(b)) {
      return GHL_SET.contains(a) ? a : b;
    }
    return a.length() != b.length() ? (a.length() > b.length() ? a : b) : (a.compareTo(b) <= 0 ? a : b);
  }

  private static void putUnique(Map<String, String> map, Set<String> ambiguous, String key, String id) {
    String previous = map.putIfAbsent(key, id);
    if (previous != null && !previous.equals(id)) {
      ambiguous.add(key);
    }
  }

  /** Lower case, spaces as underscores, none around a slash: {@code America / Sao Paulo} → {@code america/sao_paulo}. */
  private static String idKey(String s) {
    int n = s.length();
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        boolean nearSlash = (i > 0 && s.charAt(i - 1) == '/') || (i + 1 < n && s.charAt(i + 1) == '/');
        if (!nearSlash) {
          sb.append('_');
        }
      } else {
        sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
      }
    }
    return sb.toString();
  }

  private static String key(String s) {
    return TextFold.key(s, TextFold.CONNECTORS);
  }

  static List<String> ghlZones() {
    return GHL_ZONES;
  }
}
