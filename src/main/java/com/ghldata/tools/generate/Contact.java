package com.ghldata.tools.generate;

/**
 * One generated contact, already rendered the messy way it will be written. Layouts only pick and
 * join these fields, so every layout of a row shows the same person. Mutable and package-private:
 * it lives for one row.
 */
final class Contact {
  enum Kind {
    /** An ordinary contact. */
    NORMAL,
    /** An earlier row's person again: same email (other case/spaces) or same phone (other shape). */
    DUPLICATE,
    /** Has a company or a city but no name, email or phone: GHL would refuse it. */
    NO_KEY,
    /** Every cell empty. */
    BLANK
  }

  static final String[] NO_TAGS = {};

  Kind kind = Kind.NORMAL;
  int index;

  String first = "";
  String last = "";
  String full = "";
  /** Hand-made sheets sometimes carry the whole name in "First Name" and leave "Last Name" empty. */
  boolean fullNameInFirst;

  String email = "";
  String email2 = "";
  /** The valid address behind {@link #email} (lower case, no decoration), or null when there is none. */
  String emailCanonical;

  String phone = "";
  String phone2 = "";
  boolean phoneMobile;
  boolean phone2Mobile;
  /** The Brazilian number behind {@link #phone} when another row could repeat it; else null. */
  String phoneArea;
  String phoneSubscriber;

  String company = "";
  String jobTitle = "";
  String address = "";
  String city = "";
  String state = "";
  String postalCode = "";
  String country = "";

  /** 0 when there is no date of birth. */
  int birthYear;
  int birthMonth;
  int birthDay;
  /** The date of birth as typed in a hand-made sheet (dd/MM/yyyy mostly). */
  String birthDate = "";
  /** Whether the XLSX writer stores the date of birth as a real date cell (only ever for dd/MM/yyyy). */
  boolean birthDateCell;

  String[] tags = NO_TAGS;
  String tagSeparator = ", ";
  /** Index into {@link Vocabulary#SOURCES}, -1 for none. */
  int source = -1;
  String notes = "";
  String lifecycleStage = "";
  /** Minutes after 2021-01-01T00:00 when the contact was created in the CRM that exported it. */
  int createdMinute;
  /** Random bits for the export labels ("* Home" or "* Work" ...), drawn once per contact. */
  int labelBits;

  Contact copy() {
    Contact c = new Contact();
    c.kind = kind;
    c.index = index;
    c.first = first;
    c.last = last;
    c.full = full;
    c.fullNameInFirst = fullNameInFirst;
    c.email = email;
    c.email2 = email2;
    c.emailCanonical = emailCanonical;
    c.phone = phone;
    c.phone2 = phone2;
    c.phoneMobile = phoneMobile;
    c.phone2Mobile = phone2Mobile;
    c.phoneArea = phoneArea;
    c.phoneSubscriber = phoneSubscriber;
    c.company = company;
    c.jobTitle = jobTitle;
    c.address = address;
    c.city = city;
    c.state = state;
    c.postalCode = postalCode;
    c.country = country;
    c.birthYear = birthYear;
    c.birthMonth = birthMonth;
    c.birthDay = birthDay;
    c.birthDate = birthDate;
    c.birthDateCell = birthDateCell;
    c.tags = tags;
    c.tagSeparator = tagSeparator;
    c.source = source;
    c.notes = notes;
    c.lifecycleStage = lifecycleStage;
    c.createdMinute = createdMinute;
    c.labelBits = labelBits;
    return c;
  }

  void clearBirthDate() {
    birthYear = 0;
    birthMonth = 0;
    birthDay = 0;
    birthDate = "";
    birthDateCell = false;
  }
}
