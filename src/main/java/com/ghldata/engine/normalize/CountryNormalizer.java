package com.ghldata.engine.normalize;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Country names and codes in English, Portuguese and Spanish to ISO 3166 alpha-2, and back to the
 * English name GHL accepts.
 *
 * <p>GHL validates the Country column against its own list of names ("Supported Countries List in
 * CSV Imports", help article 155000005143): {@code United States} passes, {@code USA} fails. That
 * list, copied below, is the output; it mostly matches Java's English display names but differs for
 * some ({@code Korea, South}, {@code Congo (Kinshasa)}, {@code Czech Republic}, {@code Cabo Verde},
 * {@code East Timor}). Territories GHL does not list ({@code Puerto Rico}, {@code Hong Kong}) still
 * get an English name, see {@link #acceptedByGhl}.
 *
 * <p>Input matching ignores case, accents, spaces, punctuation and connecting words ({@code and, e,
 * y, of, the, de, da, do, das, dos, del}), so {@code Estados Unidos da América}, {@code EE.UU.} and
 * {@code united-states} all meet. The tables are built once from {@link Locale} (English, pt-BR,
 * pt-PT and Spanish display names, alpha-2 and alpha-3 codes) plus the aliases people type.
 * Thread-safe.
 */
public final class CountryNormalizer {
  /** GHL's accepted country names by code, verbatim from its CSV import article. */
  private static final String GHL_COUNTRIES =
      "AF=Afghanistan|AL=Albania|DZ=Algeria|AD=Andorra|AO=Angola|AG=Antigua and Barbuda|AR=Argentina"
          + "|AM=Armenia|AU=Australia|AT=Austria|AZ=Azerbaijan|BS=Bahamas|BH=Bahrain|BD=Bangladesh"
          + "|BB=Barbados|BY=Belarus|BE=Belgium|BZ=Belize|BJ=Benin|BT=Bhutan|BO=Bolivia"
          + "|BA=Bosnia and Herzegovina|BW=Botswana|BR=Brazil|BN=Brunei|BG=Bulgaria|BF=Burkina Faso"
          + "|BI=Burundi|CV=Cabo Verde|KH=Cambodia|CM=Cameroon|CA=Canada|CF=Central African Republic"
          + "|TD=Chad|CL=Chile|CN=China|CO=Colombia|KM=Comoros|CG=Congo|CD=Congo (Kinshasa)"
          + "|CR=Costa Rica|HR=Croatia|CU=Cuba|CY=Cyprus|CZ=Czech Republic|DK=Denmark|DJ=Djibouti"
          + "|DM=Dominica|DO=Dominican Republic|TL=East Timor|EC=Ecuador|EG=Egypt|SV=El Salvador"
          + "|GQ=Equatorial Guinea|ER=Eritrea|EE=Estonia|SZ=Eswatini|ET=Ethiopia|FJ=Fiji|FI=Finland"
          + "|FR=France|GA=Gabon|GM=Gambia|GE=Georgia|DE=Germany|GH=Ghana|GR=Greece|GD=Grenada"
          + "|GT=Guatemala|GN=Guinea|GW=Guinea-Bissau|GY=Guyana|HT=Haiti|HN=Honduras|HU=Hungary"
          + "|IS=Iceland|IN=India|ID=Indonesia|IR=Iran|IQ=Iraq|IE=Ireland|IL=Israel|IT=Italy"
          + "|JM=Jamaica|JP=Japan|JO=Jordan|KZ=Kazakhstan|KE=Kenya|KI=Kiribati|KP=Korea, North"
          + "|KR=Korea, South|XK=Kosovo|KW=Kuwait|KG=Kyrgyzstan|LA=Laos|LV=Latvia|LB=Lebanon"
          + "|LS=Lesotho|LR=Liberia|LY=Libya|LI=Liechtenstein|LT=Lithuania|LU=Luxembourg"
          + "|MG=Madagascar|MW=Malawi|MY=Malaysia|MV=Maldives|ML=Mali|MT=Malta|MH=Marshall Islands"
          + "|MR=Mauritania|MU=Mauritius|MX=Mexico|FM=Micronesia|MD=Moldova|MC=Monaco|MN=Mongolia"
          + "|ME=Montenegro|MA=Morocco|MZ=Mozambique|MM=Myanmar|NA=Namibia|NR=Nauru|NP=Nepal"
          + "|NL=Netherlands|NZ=New Zealand|NI=Nicaragua|NE=Niger|NG=Nigeria|MK=North Macedonia"
          + "|NO=Norway|OM=Oman|PK=Pakistan|PW=Palau|PA=Panama|PG=Papua New Guinea|PY=Paraguay"
          + "|PE=Peru|PH=Philippines|PL=Poland|PT=Portugal|QA=Qatar|RO=Romania|RU=Russia|RW=Rwanda"
          + "|KN=Saint Kitts and Nevis|LC=Saint Lucia|VC=Saint Vincent and the Grenadines|WS=Samoa"
          + "|SM=San Marino|ST=Sao Tome and Principe|SA=Saudi Arabia|SN=Senegal|RS=Serbia"
          + "|SC=Seychelles|SL=Sierra Leone|SG=Singapore|SK=Slovakia|SI=Slovenia|SB=Solomon Islands"
          + "|SO=Somalia|ZA=South Africa|SS=South Sudan|ES=Spain|LK=Sri Lanka|SD=Sudan|SR=Suriname"
          + "|SE=Sweden|CH=Switzerland|SY=Syria|TW=Taiwan|TJ=Tajikistan|TZ=Tanzania|TH=Thailand"
          + "|TG=Togo|TO=Tonga|TT=Trinidad and Tobago|TN=Tunisia|TR=Turkey|TM=Turkmenistan"
          + "|TV=Tuvalu|UG=Uganda|UA=Ukraine|AE=United Arab Emirates|GB=United Kingdom"
          + "|US=United States|UY=Uruguay|UZ=Uzbekistan|VU=Vanuatu|VA=Vatican City|VE=Venezuela"
          + "|VN=Vietnam|YE=Yemen|ZM=Zambia|ZW=Zimbabwe";

  /** Names and abbreviations people type that no locale's display name covers. */
  private static final String ALIASES =
      "US=USA|U.S.A.|U.S.|EUA|E.U.A.|EE.UU.|EE. UU.|EEUU|United States of America"
          + "|Estados Unidos da América|Estados Unidos de América|Estados Unidos de Norteamérica"
          + "|GB=UK|U.K.|Great Britain|Britain|Grã-Bretanha|Gran Bretaña|England|Inglaterra"
          + "|Scotland|Escócia|Escocia|Wales|País de Gales|Northern Ireland|Irlanda do Norte"
          + "|Irlanda del Norte|United Kingdom of Great Britain and Northern Ireland"
          + "|NL=Holland|Holanda|The Netherlands|Países Baixos|Paises Bajos"
          + "|DE=Deutschland|Alemanha|KR=Korea|Coreia|Corea|Republic of Korea|Korea, Republic of"
          + "|República da Coreia|KP=Democratic People's Republic of Korea"
          + "|Korea, Democratic People's Republic of|CD=DR Congo|DRC|RDC|Congo-Kinshasa"
          + "|Democratic Republic of the Congo|Congo, The Democratic Republic of the"
          + "|República Democrática do Congo|Zaire|CG=Congo-Brazzaville|Republic of the Congo"
          + "|CI=Ivory Coast|Cote d'Ivoire|Costa do Marfim|Costa de Marfil|CZ=Czechia|Tchéquia"
          + "|República Tcheca|República Checa|Chequia|TL=Timor-Leste|Timor Oriental"
          + "|SZ=Swaziland|Suazilândia|Suazilandia|MK=Macedonia|Macedônia|FYROM|MM=Burma"
          + "|Birmânia|Birmania|CV=Cape Verde|TR=Türkiye|Turquia|VA=Vatican|Vaticano|Holy See"
          + "|Santa Sé|Santa Sede|Holy See (Vatican City State)|RU=Russian Federation"
          + "|Federação Russa|Federación de Rusia|IR=Iran, Islamic Republic of|SY=Syrian Arab Republic"
          + "|VN=Viet Nam|LA=Lao PDR|Lao People's Democratic Republic|BN=Brunei Darussalam"
          + "|TZ=Tanzania, United Republic of|MD=Moldova, Republic of|Moldávia"
          + "|BO=Bolivia, Plurinational State of|VE=Venezuela, Bolivarian Republic of"
          + "|FM=Micronesia, Federated States of|PS=Palestine|Palestina|State of Palestine"
          + "|HK=Hong Kong|Hongkong|MO=Macau|Macao|TW=Taiwan, Province of China"
          + "|AE=UAE|EAU|Emirados Árabes|Emiratos Árabes|SA=KSA|DO=Rep. Dominicana|Rep Dominicana"
          + "|KN=Saint Kitts|St Kitts|LC=St Lucia|VC=Saint Vincent|St Vincent|BA=Bosnia"
          + "|TT=Trinidad|AG=Antigua|ST=São Tomé|Sao Tome|XK=Kosova|BR=Brasil|BRA";

  /** Keys that a locale produces but that mean something else to our users. */
  private static final String[] AMBIGUOUS = {
    "salvador", // pt-PT for El Salvador, but to a Brazilian a city in Bahia
  };

  private static final Map<String, String> BY_KEY = new HashMap<>(2048);
  private static final Map<String, String> GHL_NAME = new HashMap<>(256);
  private static final Map<String, String> ENGLISH_NAME = new HashMap<>(512);

  static {
    for (String entry : GHL_COUNTRIES.split("\\|")) {
      String iso = entry.substring(0, 2);
      String name = entry.substring(3);
      GHL_NAME.put(iso, name);
      BY_KEY.put(key(name), iso);
    }
    Locale[] languages = {
      Locale.ENGLISH, Locale.forLanguageTag("pt-BR"), Locale.forLanguageTag("pt-PT"), Locale.forLanguageTag("es")
    };
    String[] codes = Locale.getISOCountries();
    for (Locale language : languages) {
      for (String iso : codes) {
        addDisplayName(iso, new Locale("", iso).getDisplayCountry(language));
      }
      addDisplayName("XK", new Locale("", "XK").getDisplayCountry(language));
    }
    for (String iso : codes) {
      Locale country = new Locale("", iso);
      ENGLISH_NAME.put(iso, tidyEnglish(country.getDisplayCountry(Locale.ENGLISH)));
      BY_KEY.putIfAbsent(key(iso), iso);
      BY_KEY.putIfAbsent(key(country.getISO3Country()), iso);
    }
    ENGLISH_NAME.put("XK", "Kosovo");
    BY_KEY.putIfAbsent("xk", "XK");
    BY_KEY.putIfAbsent("xkx", "XK");
    for (String key : AMBIGUOUS) {
      BY_KEY.remove(key);
    }
    String iso = null;
    for (String alias : ALIASES.split("\\|")) {
      if (alias.length() > 3 && alias.charAt(2) == '=') {
        iso = alias.substring(0, 2);
        alias = alias.substring(3);
      }
      BY_KEY.put(key(alias), iso);
    }
  }

  private CountryNormalizer() {}

  /** ISO alpha-2 code for a country name or code in PT/EN/ES, or null when blank or unknown. */
  public static String iso2(String raw) {
    String cleaned = TextCleaner.clean(raw);
    if (cleaned.isEmpty()) {
      return null;
    }
    String iso = BY_KEY.get(key(cleaned));
    return iso != null ? iso : fromParts(cleaned);
  }

  /**
   * The English name GHL matches ({@code BR} → {@code Brazil}, {@code US} → {@code United States},
   * {@code KR} → {@code Korea, South}); for a territory GHL does not list, its plain English name
   * ({@code PR} → {@code Puerto Rico}); null for an unknown code.
   */
  public static String englishName(String iso2) {
    String iso = iso2.toUpperCase(Locale.ROOT);
    String name = GHL_NAME.get(iso);
    return name != null ? name : ENGLISH_NAME.get(iso);
  }

  /**
   * True when GHL's CSV import accepts the country: its list holds 195 countries but no dependent
   * territories (and, oddly, no Côte d'Ivoire), so a row with {@code Puerto Rico} or {@code Hong
   * Kong} fails there.
   */
  public static boolean acceptedByGhl(String iso2) {
    return GHL_NAME.containsKey(iso2.toUpperCase(Locale.ROOT));
  }

  /** "Brasil (BR)", "São Paulo - Brasil": the parts that name a country, when they agree on one. */
  private static String fromParts(String cleaned) {
    String found = null;
    int start = 0;
    int n = cleaned.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? cleaned.charAt(i) : ',';
      if (c == '(' || c == ')' || c == ',' || c == '/' || c == '-' || c == ';') {
        if (i > start) {
          String iso = BY_KEY.get(key(cleaned.substring(start, i)));
          if (iso != null) {
            if (found != null && !found.equals(iso)) {
              return null;
            }
            found = iso;
          }
        }
        start = i + 1;
      }
    }
    return found;
  }

  private static void addDisplayName(String iso, String name) {
    if (name.isEmpty() || name.equals(iso)) {
      return;
    }
    BY_KEY.putIfAbsent(key(name), iso);
    int open = name.indexOf('(');
    int close = name.indexOf(')', open + 1);
    if (open > 0 && close > open) {
      // "Myanmar (Burma)": each half is a name too.
      BY_KEY.putIfAbsent(key(name.substring(0, open)), iso);
      BY_KEY.putIfAbsent(key(name.substring(open + 1, close)), iso);
    }
  }

  /** Java's CLDR English names in the plain style of GHL's list: "St. Kitts & Nevis" → "Saint Kitts and Nevis". */
  private static String tidyEnglish(String name) {
    return name.replace(" & ", " and ")
        .replace("St. ", "Saint ")
        .replace(" SAR China", "")
        .replace('\u2019', '\'');
  }

  /** Matching key: folded, connecting words dropped, a leading "St." read as "Saint". */
  private static String key(String s) {
    if (s.length() > 3
        && (s.charAt(0) == 'S' || s.charAt(0) == 's')
        && (s.charAt(1) == 't' || s.charAt(1) == 'T')
        && (s.charAt(2) == '.' || s.charAt(2) == ' ')) {
      return "saint" + TextFold.key(s.substring(3), TextFold.CONNECTORS);
    }
    return TextFold.key(s, TextFold.CONNECTORS);
  }
}
