package com.ghldata.engine.mapping;

/** A contact field a source column can feed. Several columns may feed the same field. */
public enum Field {
  FIRST_NAME,
  LAST_NAME,
  /** One column holding first and last name together; split when no first-name column has data. */
  FULL_NAME,
  EMAIL,
  PHONE,
  COMPANY,
  /** Street line; several address columns (street, number, complement, district) are joined. */
  ADDRESS,
  CITY,
  STATE,
  POSTAL_CODE,
  COUNTRY,
  TAGS,
  SOURCE,
  DATE_OF_BIRTH,
  WEBSITE,
  TIMEZONE,
  NOTES
}
