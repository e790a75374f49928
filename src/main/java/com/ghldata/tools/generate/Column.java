package com.ghldata.tools.generate;

import java.time.LocalDateTime;

/** What a layout's column shows of a {@link Contact}. */
enum Column {
  EMPTY {
    @Override
    String value(Contact c) {
      return "";
    }
  },
  FULL_NAME {
    @Override
    String value(Contact c) {
      return c.full;
    }
  },
  /** First name in a hand-made sheet: sometimes the whole name. */
  FIRST_NAME {
    @Override
    String value(Contact c) {
      return c.fullNameInFirst ? c.full : c.first;
    }
  },
  LAST_NAME {
    @Override
    String value(Contact c) {
      return c.fullNameInFirst ? "" : c.last;
    }
  },
  /** First name in a tool's export, which keeps the given and family names apart. */
  GIVEN_NAME {
    @Override
    String value(Contact c) {
      return c.first;
    }
  },
  FAMILY_NAME {
    @Override
    String value(Contact c) {
      return c.last;
    }
  },
  EMAIL {
    @Override
    String value(Contact c) {
      return c.email;
    }
  },
  EMAIL_2 {
    @Override
    String value(Contact c) {
      return c.email2;
    }
  },
  EMAIL_LABEL {
    @Override
    String value(Contact c) {
      return c.email.isEmpty() ? "" : (c.labelBits & 1) == 0 ? "* Home" : "* Other";
    }
  },
  EMAIL_2_LABEL {
    @Override
    String value(Contact c) {
      return c.email2.isEmpty() ? "" : "Work";
    }
  },
  PHONE(true, false) {
    @Override
    String value(Contact c) {
      return c.phone;
    }
  },
  PHONE_2(true, false) {
    @Override
    String value(Contact c) {
      return c.phone2;
    }
  },
  PHONE_LABEL {
    @Override
    String value(Contact c) {
      return c.phone.isEmpty() ? "" : c.phoneMobile ? "Mobile" : (c.labelBits & 2) == 0 ? "Work" : "Home";
    }
  },
  PHONE_2_LABEL {
    @Override
    String value(Contact c) {
      return c.phone2.isEmpty() ? "" : c.phone2Mobile ? "Mobile" : "Work";
    }
  },
  COMPANY {
    @Override
    String value(Contact c) {
      return c.company;
    }
  },
  JOB_TITLE {
    @Override
    String value(Contact c) {
      return c.jobTitle;
    }
  },
  ADDRESS {
    @Override
    String value(Contact c) {
      return c.address;
    }
  },
  /** Google's "Address 1 - Formatted": the address block on several lines. */
  ADDRESS_FORMATTED {
    @Override
    String value(Contact c) {
      StringBuilder sb = new StringBuilder(64);
      appendLine(sb, c.address);
      if (!c.city.isEmpty() || !c.state.isEmpty()) {
        String cityLine = c.city.isEmpty() ? c.state : c.state.isEmpty() ? c.city : c.city + ", " + c.state;
        appendLine(sb, cityLine);
      }
      appendLine(sb, c.postalCode);
      appendLine(sb, c.country);
      return sb.toString();
    }
  },
  ADDRESS_LABEL {
    @Override
    String value(Contact c) {
      boolean any = !(c.address.isEmpty() && c.city.isEmpty() && c.state.isEmpty()
          && c.postalCode.isEmpty() && c.country.isEmpty());
      return !any ? "" : (c.labelBits & 4) == 0 ? "Home" : "Work";
    }
  },
  CITY {
    @Override
    String value(Contact c) {
      return c.city;
    }
  },
  STATE {
    @Override
    String value(Contact c) {
      return c.state;
    }
  },
  POSTAL_CODE(true, false) {
    @Override
    String value(Contact c) {
      return c.postalCode;
    }
  },
  COUNTRY {
    @Override
    String value(Contact c) {
      return c.country;
    }
  },
  BIRTH_DATE(false, true) {
    @Override
    String value(Contact c) {
      return c.birthDate;
    }
  },
  /** Google writes birthdays as yyyy-MM-dd. */
  BIRTH_DATE_ISO {
    @Override
    String value(Contact c) {
      if (c.birthYear == 0) {
        return "";
      }
      char[] d = new char[10];
      ContactSynth.digits(d, 0, c.birthYear, 4);
      d[4] = '-';
      ContactSynth.digits(d, 5, c.birthMonth, 2);
      d[7] = '-';
      ContactSynth.digits(d, 8, c.birthDay, 2);
      return new String(d);
    }
  },
  /** Outlook fills an unknown birthday with "0/0/00" instead of leaving it empty. */
  BIRTH_DATE_OUTLOOK(false, true) {
    @Override
    String value(Contact c) {
      return c.birthYear == 0 ? "0/0/00" : c.birthDate;
    }
  },
  TAGS {
    @Override
    String value(Contact c) {
      return join(c.tags, c.tagSeparator);
    }
  },
  /** Google's "Labels": groups joined by " ::: ", always with the system group. */
  TAGS_GOOGLE {
    @Override
    String value(Contact c) {
      return c.tags.length == 0 ? "* myContacts" : String.join(" ::: ", c.tags) + " ::: * myContacts";
    }
  },
  /** Outlook's "Categories", joined by ";". */
  TAGS_OUTLOOK {
    @Override
    String value(Contact c) {
      return join(c.tags, ";");
    }
  },
  SOURCE {
    @Override
    String value(Contact c) {
      return c.source < 0 ? "" : Vocabulary.SOURCES[c.source];
    }
  },
  SOURCE_HUBSPOT {
    @Override
    String value(Contact c) {
      return c.source < 0 ? "" : Vocabulary.HUBSPOT_SOURCES[c.source % Vocabulary.HUBSPOT_SOURCES.length];
    }
  },
  NOTES {
    @Override
    String value(Contact c) {
      return c.notes;
    }
  },
  /** HubSpot's numeric contact id: unique per row, duplicates included (HubSpot would list both). */
  RECORD_ID(true, false) {
    @Override
    String value(Contact c) {
      return Long.toString(51_000_000_001L + c.index * 7L);
    }
  },
  CREATE_DATE {
    @Override
    String value(Contact c) {
      LocalDateTime t = CREATED_EPOCH.plusMinutes(c.createdMinute);
      char[] d = new char[16];
      ContactSynth.digits(d, 0, t.getYear(), 4);
      d[4] = '-';
      ContactSynth.digits(d, 5, t.getMonthValue(), 2);
      d[7] = '-';
      ContactSynth.digits(d, 8, t.getDayOfMonth(), 2);
      d[10] = ' ';
      ContactSynth.digits(d, 11, t.getHour(), 2);
      d[13] = ':';
      ContactSynth.digits(d, 14, t.getMinute(), 2);
      return new String(d);
    }
  },
  LIFECYCLE_STAGE {
    @Override
    String value(Contact c) {
      return c.lifecycleStage;
    }
  };

  private static final LocalDateTime CREATED_EPOCH = LocalDateTime.of(2021, 1, 1, 0, 0);

  /** Whether Excel would have turned an all-digit value of this column into a number. */
  final boolean numericInExcel;
  /**
   * Whether the column shows the date of birth as typed (dd/MM/yyyy when {@link
   * Contact#birthDateCell}), so the XLSX writer may store it as a real date.
   */
  final boolean birthDate;

  Column() {
    this(false, false);
  }

  Column(boolean numericInExcel, boolean birthDate) {
    this.numericInExcel = numericInExcel;
    this.birthDate = birthDate;
  }

  abstract String value(Contact c);

  private static String join(String[] parts, String separator) {
    return parts.length == 0 ? "" : parts.length == 1 ? parts[0] : String.join(separator, parts);
  }

  private static void appendLine(StringBuilder sb, String line) {
    if (!line.isEmpty()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(line);
    }
  }
}
