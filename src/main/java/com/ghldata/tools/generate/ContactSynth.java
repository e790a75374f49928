package com.ghldata.tools.generate;

import static com.ghldata.tools.generate.Vocabulary.*;

import com.ghldata.tools.generate.Contact.Kind;
import com.ghldata.tools.generate.Vocabulary.BrCity;
import com.ghldata.tools.generate.Vocabulary.ForeignCity;
import java.util.Arrays;
import java.util.Locale;

/**
 * Makes the contact of row {@code index} from (seed, index) alone. All shares below are per mille
 * of rows and were picked to look like the contact sheets small Brazilian businesses upload:
 * mostly Brazilian people and phones, a tenth foreign, and the usual mess of cases, spaces, phone
 * shapes, blanks, typos and repeated people.
 */
final class ContactSynth {
  private ContactSynth() {}

  private enum Origin { BR, US, PT, AR }

  // Row kinds, from the first draw of the row's stream.
  private static final int BLANK_UNTIL = 10;
  private static final int NO_KEY_UNTIL = 20;
  private static final int DUPLICATE_UNTIL = 70;
  /** How far back a duplicate looks for the row it repeats. */
  private static final int DUPLICATE_REACH = 2000;

  private static final String[] BR_FIRST_KEYS = keys(BR_FIRST, true);
  private static final String[] BR_LAST_KEYS = keys(BR_LAST, false);
  private static final String[] BR_PARTICLE_KEYS = keys(BR_LAST_WITH_PARTICLE, false);
  private static final String[] EN_FIRST_KEYS = keys(EN_FIRST, true);
  private static final String[] EN_LAST_KEYS = keys(EN_LAST, false);
  private static final String[] ES_FIRST_KEYS = keys(ES_FIRST, true);
  private static final String[] ES_LAST_KEYS = keys(ES_LAST, false);
  /** "Sol Nascente" → "solnascente", the company's email domain. */
  private static final String[] COMPANY_WORD_KEYS = Arrays.stream(COMPANY_WORDS).map(Vocabulary::emailPart).toArray(String[]::new);
  private static final String[] AR_STREETS = {"Av. Corrientes", "Av. Santa Fe", "Calle Florida", "Av. Rivadavia", "San Martín"};
  private static final String[] EMAIL_SEPARATORS = {"; ", ", ", " / "};
  private static final String[] US_COUNTRIES = {"USA", "USA", "United States", "EUA", "US", "Estados Unidos"};

  static Contact contact(long seed, int index, People people) {
    Rng rng = new Rng(Rng.rowState(seed, index));
    int kind = rng.nextInt(1000);
    if (kind < BLANK_UNTIL) {
      Contact c = new Contact();
      c.kind = Kind.BLANK;
      c.index = index;
      return c;
    }
    if (kind < NO_KEY_UNTIL) {
      return withoutKey(normal(rng, index, people), rng);
    }
    if (kind < DUPLICATE_UNTIL) {
      Contact base = duplicateBase(seed, index, rng, people);
      if (base != null) {
        return duplicateOf(base, rng, index);
      }
    }
    return normal(rng, index, people);
  }

  /** An earlier ordinary row with a valid email or a Brazilian phone, or null when none is found. */
  private static Contact duplicateBase(long seed, int index, Rng rng, People people) {
    for (int attempt = 0; attempt < 4 && index > 0; attempt++) {
      int j = index - 1 - rng.nextInt(Math.min(index, DUPLICATE_REACH));
      Rng earlier = new Rng(Rng.rowState(seed, j));
      if (earlier.nextInt(1000) < DUPLICATE_UNTIL) {
        continue; // not an ordinary row: its person is not what row j shows
      }
      Contact base = normal(earlier, j, people);
      if (base.emailCanonical != null || base.phoneArea != null) {
        return base;
      }
    }
    return null;
  }

  private static Contact duplicateOf(Contact base, Rng rng, int index) {
    Contact c = base.copy();
    c.kind = Kind.DUPLICATE;
    c.index = index;
    int nameStyle = rng.nextInt(1000);
    if (nameStyle < 150) {
      c.first = "";
      c.last = "";
      c.full = "";
    } else if (nameStyle < 300) {
      setNames(c, c.first.toUpperCase(Locale.ROOT), c.last.toUpperCase(Locale.ROOT), " ");
    } else if (nameStyle < 400) {
      setNames(c, c.first.toLowerCase(Locale.ROOT), c.last.toLowerCase(Locale.ROOT), " ");
    }
    boolean byEmail = base.emailCanonical != null && (base.phoneArea == null || rng.chance(600));
    c.email2 = "";
    c.phone2 = "";
    if (byEmail) {
      c.email = emailVariant(base.emailCanonical, rng);
      if (rng.chance(500)) {
        c.phone = "";
        c.phoneArea = null;
      }
    } else {
      if (rng.chance(700)) {
        c.email = "";
        c.emailCanonical = null;
      }
      c.phone = brPhone(rng, base.phoneArea, base.phoneSubscriber, base.phoneMobile, true);
    }
    if (rng.chance(500)) {
      c.company = "";
      c.jobTitle = "";
    }
    if (rng.chance(600)) {
      c.address = "";
      c.postalCode = "";
    }
    if (rng.chance(300)) {
      c.city = "";
      c.state = "";
    }
    if (rng.chance(700)) {
      c.clearBirthDate();
    }
    if (rng.chance(500)) {
      c.source = -1;
    }
    c.notes = "";
    int tags = rng.nextInt(1000);
    if (tags < 400) {
      pickTags(c, rng, 1 + rng.nextInt(2));
    } else if (tags >= 700) {
      c.tags = Contact.NO_TAGS;
    }
    return c;
  }

  /** The same address written differently, the way a person types it again in another list. */
  private static String emailVariant(String canonical, Rng rng) {
    int r = rng.nextInt(4);
    switch (r) {
      case 0:
        return canonical.toUpperCase(Locale.ROOT);
      case 1:
        return "  " + canonical + " ";
      case 2:
        return capitalized(canonical);
      default:
        return " " + capitalized(canonical);
    }
  }

  private static Contact withoutKey(Contact c, Rng rng) {
    c.kind = Kind.NO_KEY;
    c.first = "";
    c.last = "";
    c.full = "";
    c.fullNameInFirst = false;
    c.email = "";
    c.email2 = "";
    c.emailCanonical = null;
    c.phone = "";
    c.phone2 = "";
    c.phoneArea = null;
    if (c.company.isEmpty()) {
      c.company = rng.pick(COMPANY_KINDS) + " " + rng.pick(COMPANY_WORDS);
    }
    return c;
  }

  private static Contact normal(Rng rng, int index, People people) {
    Contact c = new Contact();
    c.index = index;
    c.labelBits = rng.nextInt(1 << 16);
    int o = rng.nextInt(1000);
    Origin origin = people == People.US ? Origin.US
        : o < 860 ? Origin.BR : o < 920 ? Origin.US : o < 960 ? Origin.PT : Origin.AR;
    String[] nameKeys = names(c, rng, origin);
    String companyKey = company(c, rng, origin);
    String area = place(c, rng, origin);
    phones(c, rng, origin, area);
    email(c, rng, origin, nameKeys[0], nameKeys[1], companyKey);
    birthDate(c, rng);
    if (rng.chance(500)) {
      pickTags(c, rng, 1 + rng.nextInt(3));
    }
    c.tagSeparator = rng.pick(TAG_SEPARATORS);
    c.source = rng.chance(450) ? -1 : rng.nextInt(SOURCES.length);
    c.notes = rng.chance(100) ? rng.pick(NOTES) : "";
    c.lifecycleStage = rng.pick(LIFECYCLE_STAGES);
    c.createdMinute = rng.nextInt(4 * 365 * 24 * 60);
    if (rng.chance(4)) {
      injectFormula(c, rng);
    }
    return c;
  }

  /** Renders the names; returns the email-ready keys of the first and last name ("" when none). */
  private static String[] names(Contact c, Rng rng, Origin origin) {
    String first;
    String firstKey;
    String last;
    String lastKey;
    if (origin == Origin.BR || origin == Origin.PT) {
      int f = rng.nextInt(BR_FIRST.length);
      first = BR_FIRST[f];
      firstKey = BR_FIRST_KEYS[f];
      int shape = rng.nextInt(1000);
      if (shape < 50) {
        last = "";
        lastKey = "";
      } else if (shape < 550) {
        int l = rng.nextInt(BR_LAST.length);
        last = BR_LAST[l];
        lastKey = BR_LAST_KEYS[l];
      } else if (shape < 800) {
        int l = rng.nextInt(BR_LAST_WITH_PARTICLE.length);
        last = BR_LAST_WITH_PARTICLE[l];
        lastKey = BR_PARTICLE_KEYS[l];
      } else {
        String middle = rng.chance(400) ? rng.pick(BR_LAST_WITH_PARTICLE) : rng.pick(BR_LAST);
        int l = rng.nextInt(BR_LAST.length);
        last = middle + " " + BR_LAST[l];
        lastKey = BR_LAST_KEYS[l];
      }
    } else if (origin == Origin.US) {
      int f = rng.nextInt(EN_FIRST.length);
      int l = rng.nextInt(EN_LAST.length);
      first = EN_FIRST[f];
      firstKey = EN_FIRST_KEYS[f];
      last = EN_LAST[l];
      lastKey = EN_LAST_KEYS[l];
    } else {
      int f = rng.nextInt(ES_FIRST.length);
      int l = rng.nextInt(ES_LAST.length);
      first = ES_FIRST[f];
      firstKey = ES_FIRST_KEYS[f];
      last = rng.chance(250) ? ES_LAST[l] + " " + rng.pick(ES_LAST) : ES_LAST[l];
      lastKey = ES_LAST_KEYS[l];
    }
    int style = rng.nextInt(1000);
    if (style < 780) {
      setNames(c, first, last, " ");
    } else if (style < 870) {
      setNames(c, first.toUpperCase(Locale.ROOT), last.toUpperCase(Locale.ROOT), " ");
    } else if (style < 940) {
      setNames(c, first.toLowerCase(Locale.ROOT), last.toLowerCase(Locale.ROOT), " ");
    } else {
      messyNames(c, rng, first, last);
    }
    c.fullNameInFirst = !last.isEmpty() && rng.chance(30);
    return new String[] {firstKey, lastKey};
  }

  private static void setNames(Contact c, String first, String last, String gap) {
    c.first = first;
    c.last = last;
    c.full = last.isEmpty() ? first : first + gap + last;
  }

  /** Stray spaces as pasted from elsewhere, including the non-breaking space web pages leave. */
  private static void messyNames(Contact c, Rng rng, String first, String last) {
    switch (rng.nextInt(5)) {
      case 0:
        setNames(c, " " + first, last, " ");
        break;
      case 1:
        setNames(c, first, last.isEmpty() ? "" : last + " ", " ");
        break;
      case 2:
        setNames(c, first, last, "  ");
        break;
      case 3:
        setNames(c, first + "\u00A0", last, "");
        break;
      default:
        setNames(c, first + " ", " " + last, "");
        break;
    }
  }

  /** Fills company and job title; returns the company's email-domain key or null. */
  private static String company(Contact c, Rng rng, Origin origin) {
    int r = rng.nextInt(1000);
    String key = null;
    if (r < 450) {
      c.company = "";
    } else if (origin == Origin.US) {
      int l = rng.nextInt(EN_LAST.length);
      c.company = EN_LAST[l] + (rng.chance(500) ? " & Associates" : " Consulting LLC");
      key = EN_LAST_KEYS[l] + "consulting";
    } else if (origin == Origin.PT) {
      int l = rng.nextInt(BR_LAST.length);
      c.company = BR_LAST[l] + " & Filhos, Lda.";
      key = BR_LAST_KEYS[l] + "filhos";
    } else if (origin == Origin.AR) {
      int l = rng.nextInt(ES_LAST.length);
      c.company = ES_LAST[l] + " Hermanos S.R.L.";
      key = ES_LAST_KEYS[l] + "hnos";
    } else if (r < 650) {
      int w = rng.nextInt(COMPANY_WORDS.length);
      c.company = rng.pick(COMPANY_KINDS) + " " + COMPANY_WORDS[w] + rng.pick(COMPANY_SUFFIXES);
      key = COMPANY_WORD_KEYS[w];
    } else if (r < 800) {
      int l = rng.nextInt(BR_LAST.length);
      c.company = rng.pick(COMPANY_KINDS) + " " + BR_LAST[l] + rng.pick(COMPANY_SUFFIXES);
      key = BR_LAST_KEYS[l];
    } else if (r < 880) {
      int w = rng.nextInt(COMPANY_WORDS.length);
      c.company = COMPANY_WORDS[w] + rng.pick(TECH_SUFFIXES);
      key = COMPANY_WORD_KEYS[w] + "tec";
    } else if (r < 920) {
      c.company = rng.pick(WELL_KNOWN_COMPANIES);
    } else if (r < 960) {
      int l = rng.nextInt(BR_LAST.length);
      c.company = BR_LAST[l] + " & Filhos";
      key = BR_LAST_KEYS[l] + "efilhos";
    } else {
      int w = rng.nextInt(COMPANY_WORDS.length);
      c.company = (rng.pick(COMPANY_KINDS) + " " + COMPANY_WORDS[w]).toUpperCase(Locale.ROOT) + " LTDA";
      key = COMPANY_WORD_KEYS[w];
    }
    c.jobTitle = rng.chance(300) ? rng.pick(JOB_TITLES) : "";
    return key;
  }

  /** Fills address, city, state, postal code and country; returns the phone area code to use. */
  private static String place(Contact c, Rng rng, Origin origin) {
    switch (origin) {
      case BR:
        return brazilianPlace(c, rng);
      case US: {
        ForeignCity city = rng.pick(US_CITIES);
        c.city = rng.chance(150) ? "" : city.name();
        c.state = rng.chance(200) ? "" : city.region();
        StringBuilder zip = new StringBuilder(10);
        pad(zip, city.postalStart() + rng.nextInt(city.postalSpan() + 1), 5);
        if (rng.chance(100)) {
          zip.append('-');
          pad(zip, rng.nextInt(10000), 4);
        }
        c.postalCode = rng.chance(250) ? "" : zip.toString();
        c.country = rng.chance(300) ? "" : rng.pick(US_COUNTRIES);
        c.address = rng.chance(450) ? ""
            : rng.between(1, 9999) + " " + rng.pick(US_STREETS) + (rng.chance(200) ? " Apt " + rng.between(1, 40) + "B" : "");
        return city.area();
      }
      case PT: {
        ForeignCity city = rng.pick(PT_CITIES);
        c.city = rng.chance(150) ? "" : city.name();
        c.state = rng.chance(500) ? "" : city.region();
        StringBuilder postal = new StringBuilder(8);
        pad(postal, city.postalStart() + rng.nextInt(city.postalSpan() + 1), 4);
        postal.append('-');
        pad(postal, rng.nextInt(1000), 3);
        c.postalCode = rng.chance(300) ? "" : postal.toString();
        c.country = rng.chance(250) ? "" : rng.chance(850) ? "Portugal" : "PT";
        c.address = rng.chance(450) ? "" : "Rua " + rng.pick(STREET_NAMES) + ", " + rng.between(1, 300) + (rng.chance(300) ? ", 2º Esq." : "");
        return city.area();
      }
      default: {
        ForeignCity city = rng.pick(AR_CITIES);
        c.city = rng.chance(150) ? "" : city.name();
        c.state = rng.chance(300) ? "" : city.region();
        StringBuilder postal = new StringBuilder(8);
        int code = city.postalStart() + rng.nextInt(city.postalSpan() + 1);
        if (city.area().equals("11") && rng.chance(500)) {
          postal.append('C');
          pad(postal, code, 4);
          postal.append((char) ('A' + rng.nextInt(26))).append((char) ('A' + rng.nextInt(26)))
              .append((char) ('A' + rng.nextInt(26)));
        } else {
          pad(postal, code, 4);
        }
        c.postalCode = rng.chance(300) ? "" : postal.toString();
        c.country = rng.chance(200) ? "" : rng.chance(850) ? "Argentina" : "AR";
        c.address = rng.chance(450) ? "" : rng.pick(AR_STREETS) + " " + rng.between(100, 5000) + (rng.chance(300) ? ", Piso " + rng.between(1, 20) : "");
        return city.area();
      }
    }
  }

  private static String brazilianPlace(Contact c, Rng rng) {
    BrCity city = BR_CITIES[BR_CITY_PICKS[rng.nextInt(BR_CITY_PICKS.length)]];
    int r = rng.nextInt(1000);
    c.city = r < 150 ? "" : r < 800 ? city.name() : r < 870 ? city.nameUpper()
        : r < 920 ? city.nameLower() : city.ascii();
    r = rng.nextInt(1000);
    c.state = r < 100 ? "" : r < 650 ? city.uf() : r < 800 ? city.state()
        : r < 850 ? city.ufLower() : r < 900 ? city.stateAscii()
        : r < 950 ? city.uf() + " " : city.stateUpper();

    int prefix = city.cepStart() + rng.nextInt(city.cepSpan() + 1);
    int suffix = rng.nextInt(1000);
    StringBuilder cep = new StringBuilder(10);
    r = rng.nextInt(1000);
    if (r < 220) {
      // no CEP
    } else if (r < 770) {
      pad(cep, prefix, 5).append('-');
      pad(cep, suffix, 3);
    } else if (r < 900) {
      pad(cep, prefix, 5);
      pad(cep, suffix, 3);
    } else if (r < 950 && prefix < 10000) {
      // Excel turned the CEP into a number and dropped the leading zero
      cep.append(prefix);
      pad(cep, suffix, 3);
    } else if (r < 980) {
      pad(cep, prefix / 1000, 2).append('.');
      pad(cep, prefix % 1000, 3).append('-');
      pad(cep, suffix, 3);
    } else {
      pad(cep, prefix, 5).append(' ');
      pad(cep, suffix, 3);
    }
    c.postalCode = cep.toString();

    r = rng.nextInt(1000);
    c.country = r < 500 ? "" : r < 750 ? "Brasil" : r < 850 ? "Brazil" : r < 900 ? "BR" : r < 950 ? "BRASIL" : "brasil";

    if (rng.chance(480)) {
      c.address = "";
    } else {
      StringBuilder a = new StringBuilder(48);
      a.append(rng.pick(STREET_TYPES)).append(' ').append(rng.pick(STREET_NAMES));
      r = rng.nextInt(1000);
      a.append(r < 700 ? ", " : r < 850 ? " " : ", nº ").append(rng.between(1, 4999));
      if (rng.chance(10)) {
        a.append("\nApto ").append(rng.between(1, 30)).append(rng.between(1, 4));
      } else if (rng.chance(300)) {
        a.append(rng.pick(ADDRESS_COMPLEMENTS));
      }
      c.address = a.toString();
    }
    return city.area();
  }

  private static void phones(Contact c, Rng rng, Origin origin, String area) {
    int r = rng.nextInt(1000);
    if (origin == Origin.BR) {
      if (r < 50) {
        return;
      }
      if (r < 100) {
        c.phone = rng.pick(GARBAGE_PHONES);
        return;
      }
      boolean mobile = rng.chance(750);
      String subscriber = subscriber(rng, mobile);
      c.phoneMobile = mobile;
      c.phoneArea = area;
      c.phoneSubscriber = subscriber;
      c.phone = brPhone(rng, area, subscriber, mobile, false);
      if (c.phone.length() == 10 && c.phone.charAt(5) == '-') {
        c.phoneArea = null; // "98765-4321", without its area code: nobody can tell which number it is
      }
      if (rng.chance(180)) {
        boolean mobile2 = !mobile || rng.chance(200);
        c.phone2Mobile = mobile2;
        c.phone2 = brPhone(rng, area, subscriber(rng, mobile2), mobile2, true);
      }
      return;
    }
    if (r < 120) {
      return;
    }
    if (r < 180) {
      c.phone = rng.pick(GARBAGE_PHONES);
      return;
    }
    c.phoneMobile = true;
    c.phone = origin == Origin.US ? usPhone(rng, area) : origin == Origin.PT ? ptPhone(rng, area) : arPhone(rng, area);
  }

  /** A valid Brazilian subscriber number: mobiles are 9 + 8 digits, landlines start with 2 to 5. */
  private static String subscriber(Rng rng, boolean mobile) {
    char[] d = new char[mobile ? 9 : 8];
    int i = 0;
    if (mobile) {
      d[i++] = '9';
      d[i++] = (char) ('6' + rng.nextInt(4));
    } else {
      d[i++] = (char) ('2' + rng.nextInt(4));
    }
    while (i < d.length) {
      d[i++] = rng.digit();
    }
    return new String(d);
  }

  /**
   * A Brazilian number in one of the shapes people type. With {@code findable} only shapes that
   * still carry the area code, so another row can be matched to this number.
   */
  static String brPhone(Rng rng, String area, String sub, boolean mobile, boolean findable) {
    int split = mobile ? 5 : 4;
    String head = sub.substring(0, split);
    String tail = sub.substring(split);
    StringBuilder sb = new StringBuilder(40);
    int r = rng.nextInt(1000);
    if (!mobile) {
      if (r < 380) {
        sb.append('(').append(area).append(") ").append(head).append('-').append(tail);
      } else if (r < 580) {
        sb.append(area).append(sub);
      } else if (r < 680) {
        sb.append("55").append(area).append(sub);
      } else if (r < 780) {
        sb.append("+55 ").append(area).append(' ').append(head).append('-').append(tail);
      } else if (r < 880) {
        sb.append('(').append(area).append(") ").append(head).append('-').append(tail).append(rng.pick(RAMAL_SUFFIXES));
      } else {
        sb.append(area).append(' ').append(head).append(' ').append(tail);
      }
      return sb.toString();
    }
    if (findable && r >= 915 && r < 960) {
      r = 0; // no bare local number and no second number in the cell
    }
    // about a third all digits: what a column of numeric Excel cells becomes
    if (r < 180) {
      sb.append('(').append(area).append(") ").append(head).append('-').append(tail);
    } else if (r < 400) {
      sb.append(area).append(sub);
    } else if (r < 540) {
      sb.append("55").append(area).append(sub);
    } else if (r < 620) {
      sb.append("+55 ").append(area).append(' ').append(head).append('-').append(tail);
    } else if (r < 660) {
      sb.append("+55 (").append(area).append(") ").append(head).append('-').append(tail);
    } else if (r < 695) {
      sb.append("55 ").append(area).append(' ').append(head).append(' ').append(tail);
    } else if (r < 720) {
      sb.append("055 ").append(area).append(' ').append(sub.charAt(0)).append(' ')
          .append(sub, 1, 5).append(' ').append(tail);
    } else if (r < 780) {
      sb.append(area).append(' ').append(head).append('-').append(tail);
    } else if (r < 810) {
      sb.append('(').append(area).append(')').append(head).append('-').append(tail);
    } else if (r < 835) {
      sb.append("(0").append(area).append(") ").append(head).append('-').append(tail);
    } else if (r < 850) {
      sb.append(area).append('.').append(head).append('.').append(tail);
    } else if (r < 875) {
      sb.append("+55").append(area).append(sub);
    } else if (r < 915) {
      // before 2016 mobiles had 8 digits: the converter puts the 9 back
      sb.append('(').append(area).append(") ").append(sub, 1, 5).append('-').append(tail);
    } else if (r < 930) {
      sb.append(head).append('-').append(tail);
    } else if (r < 960) {
      sb.append('(').append(area).append(") ").append(head).append('-').append(tail)
          .append(rng.pick(PHONE_SEPARATORS));
      String landline = subscriber(rng, false);
      sb.append('(').append(area).append(") ").append(landline, 0, 4).append('-').append(landline, 4, 8);
    } else {
      sb.append("+55 ").append(area).append(' ').append(sub.charAt(0)).append(' ')
          .append(sub, 1, 5).append('-').append(tail);
    }
    return sb.toString();
  }

  private static String usPhone(Rng rng, String area) {
    int exchange = rng.between(201, 999);
    if (exchange % 100 == 11) {
      exchange--; // N11 codes are service numbers, never an exchange
    }
    StringBuilder line = new StringBuilder(4);
    pad(line, rng.nextInt(10000), 4);
    String ex = Integer.toString(exchange);
    int r = rng.nextInt(1000);
    if (r < 350) {
      return "(" + area + ") " + ex + "-" + line;
    } else if (r < 600) {
      return "+1 " + area + "-" + ex + "-" + line;
    } else if (r < 750) {
      return "+1 (" + area + ") " + ex + "-" + line;
    } else if (r < 850) {
      return area + "." + ex + "." + line;
    } else if (r < 950) {
      return "1-" + area + "-" + ex + "-" + line;
    }
    return "+1" + area + ex + line;
  }

  private static String ptPhone(Rng rng, String area) {
    StringBuilder n = new StringBuilder(9);
    if (rng.chance(700)) {
      n.append('9').append("1236".charAt(rng.nextInt(4)));
    } else {
      n.append(area);
    }
    while (n.length() < 9) {
      n.append(rng.digit());
    }
    String spaced = n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6);
    int r = rng.nextInt(1000);
    if (r < 450) {
      return "+351 " + spaced;
    } else if (r < 650) {
      return "00351 " + n;
    } else if (r < 800) {
      return spaced;
    } else if (r < 900) {
      return "+351" + n;
    }
    return "(+351) " + spaced;
  }

  private static String arPhone(Rng rng, String area) {
    StringBuilder local = new StringBuilder(8);
    local.append((char) ('2' + rng.nextInt(5)));
    while (local.length() < 10 - area.length()) {
      local.append(rng.digit());
    }
    int cut = local.length() - 4;
    String dashed = local.substring(0, cut) + "-" + local.substring(cut);
    int r = rng.nextInt(1000);
    if (r < 400) {
      return "+54 9 " + area + " " + dashed;
    } else if (r < 600) {
      return "+54 " + area + " " + dashed;
    } else if (r < 800) {
      return "0" + area + " 15-" + dashed;
    }
    return "+549" + area + local;
  }

  private static void email(Contact c, Rng rng, Origin origin, String firstKey, String lastKey, String companyKey) {
    int r = rng.nextInt(1000);
    if (r < 100) {
      return;
    }
    StringBuilder sb = new StringBuilder(48);
    appendLocalPart(sb, rng, firstKey, lastKey);
    String domain = domain(rng, origin, companyKey);
    if (r < 170) {
      c.email = invalidEmail(rng, sb.toString(), domain, firstKey, lastKey);
      return;
    }
    String canonical = sb.append('@').append(domain).toString();
    c.emailCanonical = canonical;
    if (r < 185) {
      sb.append(rng.pick(EMAIL_SEPARATORS));
      appendLocalPart(sb, rng, firstKey, lastKey);
      c.email = sb.append('@').append(domain(rng, origin, null)).toString();
    } else {
      int style = rng.nextInt(1000);
      c.email = style < 800 ? canonical : style < 880 ? capitalized(canonical)
          : style < 920 ? canonical.toUpperCase(Locale.ROOT) : style < 960 ? " " + canonical + " "
          : style < 990 ? "mailto:" + canonical : "MAILTO:" + canonical;
    }
    if (rng.chance(80)) {
      sb.setLength(0);
      appendLocalPart(sb, rng, firstKey, lastKey);
      c.email2 = sb.append('@').append(companyKey != null ? companyKey + ".com.br" : "outlook.com").toString();
    }
  }

  private static void appendLocalPart(StringBuilder sb, Rng rng, String f, String l) {
    if (l.isEmpty()) {
      sb.append(f).append(rng.between(1, 9999));
      return;
    }
    switch (rng.nextInt(10)) {
      case 0 -> sb.append(f).append('.').append(l);
      case 1 -> sb.append(f).append(l);
      case 2 -> sb.append(f).append('_').append(l);
      case 3 -> sb.append(f).append('.').append(l).append(rng.between(10, 99));
      case 4 -> sb.append(f).append(rng.between(1, 9999));
      case 5 -> sb.append(f).append(l).append(rng.between(1960, 2006));
      case 6 -> sb.append(f.charAt(0)).append(l);
      case 7 -> sb.append(l).append('.').append(f);
      case 8 -> sb.append(f).append('.').append(l).append(rng.between(1, 999));
      default -> sb.append(f).append(l).append(rng.between(1, 99));
    }
  }

  private static String domain(Rng rng, Origin origin, String companyKey) {
    if (companyKey != null && rng.chance(200)) {
      return companyKey + (origin == Origin.BR ? ".com.br" : origin == Origin.PT ? ".pt" : origin == Origin.AR ? ".com.ar" : ".com");
    }
    switch (origin) {
      case BR: return rng.pick(BR_DOMAINS);
      case US: return rng.pick(US_DOMAINS);
      case PT: return rng.pick(PT_DOMAINS);
      default: return rng.pick(AR_DOMAINS);
    }
  }

  private static String invalidEmail(Rng rng, String local, String domain, String f, String l) {
    int dot = domain.indexOf('.');
    switch (rng.nextInt(10)) {
      case 0: return local + "@";
      case 1: return local + "@" + domain.substring(0, dot);
      case 2: return f + " " + (l.isEmpty() ? "x" : l) + "@" + domain;
      case 3: return local + "@@" + domain;
      case 4: return local + "@" + domain.substring(0, dot) + ".." + domain.substring(dot + 1);
      case 5: return local + "." + domain;
      case 6: return local + "@" + domain.replace('.', ',');
      case 7: return rng.pick(MISC_INVALID_EMAILS);
      case 8: return "@" + domain;
      default: return local + "@ " + domain;
    }
  }

  private static void birthDate(Contact c, Rng rng) {
    if (rng.chance(600)) {
      return;
    }
    int year = rng.between(1950, 2006);
    int month = rng.between(1, 12);
    int maxDay = month == 2 ? (year % 4 == 0 ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
    int day = rng.between(1, maxDay);
    c.birthYear = year;
    c.birthMonth = month;
    c.birthDay = day;
    int style = rng.nextInt(1000);
    StringBuilder sb = new StringBuilder(10);
    if (style < 850) {
      pad(sb, day, 2).append('/');
      pad(sb, month, 2).append('/').append(year);
      c.birthDateCell = rng.chance(500);
    } else if (style < 920) {
      sb.append(day).append('/').append(month).append('/').append(year);
    } else if (style < 960) {
      pad(sb, day, 2).append('/');
      pad(sb, month, 2).append('/');
      pad(sb, year % 100, 2);
    } else {
      pad(sb, day, 2).append('-');
      pad(sb, month, 2).append('-').append(year);
    }
    c.birthDate = sb.toString();
  }

  private static void pickTags(Contact c, Rng rng, int count) {
    String[] tags = new String[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      String t = rng.pick(TAGS);
      boolean seen = false;
      for (int k = 0; k < n; k++) {
        seen |= tags[k].equals(t);
      }
      if (!seen) {
        tags[n++] = t;
      }
    }
    c.tags = n == count ? tags : Arrays.copyOf(tags, n);
  }

  private static void injectFormula(Contact c, Rng rng) {
    String formula = rng.pick(FORMULAS);
    int r = rng.nextInt(1000);
    if (r < 500) {
      c.company = formula;
    } else if (r < 700) {
      c.notes = formula;
    } else if (r < 850) {
      c.tags = new String[] {formula};
    } else {
      c.fullNameInFirst = false;
      setNames(c, formula, c.last, " ");
    }
  }

  /** "joao.silva@gmail.com" → "Joao.silva@Gmail.com", as phones auto-capitalise it. */
  private static String capitalized(String email) {
    int at = email.indexOf('@');
    char[] d = email.toCharArray();
    d[0] = Character.toUpperCase(d[0]);
    if (at >= 0 && at + 1 < d.length) {
      d[at + 1] = Character.toUpperCase(d[at + 1]);
    }
    return new String(d);
  }

  /** Appends value with leading zeros up to width digits, without the garbage of Integer.toString. */
  static StringBuilder pad(StringBuilder sb, int value, int width) {
    int divisor = 1;
    for (int i = 1; i < width || divisor <= value / 10; i++) {
      divisor *= 10;
    }
    for (; divisor > 0; divisor /= 10) {
      sb.append((char) ('0' + value / divisor % 10));
    }
    return sb;
  }

  /** Writes value as exactly width digits (zero-padded) into d at offset. */
  static void digits(char[] d, int offset, int value, int width) {
    for (int i = offset + width - 1; i >= offset; i--) {
      d[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Email-ready forms of names: of the first word for first names, of the last word for surnames. */
  private static String[] keys(String[] names, boolean firstWord) {
    String[] keys = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      String n = names[i];
      String word = firstWord ? n.split(" ")[0] : n.substring(n.lastIndexOf(' ') + 1);
      keys[i] = Vocabulary.emailPart(word);
    }
    return keys;
  }
}
