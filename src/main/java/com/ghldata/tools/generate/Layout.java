package com.ghldata.tools.generate;

/**
 * The column layouts the generator writes: the hand-made spreadsheets people keep in Portuguese,
 * English or Spanish, and the export files of the tools they move contacts out of.
 */
public enum Layout {
  /** A hand-made Brazilian sheet: "Nome completo", "E-mail", "Telefone", "Celular", "CEP" ... */
  PORTUGUESE,
  /** A hand-made English sheet: "First Name", "Last Name", "Email", "Phone", "Zip" ... */
  ENGLISH,
  /** A hand-made Spanish sheet: "Nombre", "Apellido", "Correo", "Teléfono" ... */
  SPANISH,
  /** The current Google Contacts export ("E-mail 1 - Value", "Phone 1 - Value", "Labels" ...). */
  GOOGLE,
  /** The Outlook contacts export ("E-mail Address", "Mobile Phone", "Business City" ...). */
  OUTLOOK,
  /** The HubSpot contacts export ("Record ID", "Phone Number", "State/Region" ...). */
  HUBSPOT,
  /** The RD Station Marketing leads export ("Email", "Nome", "Telefone", "Celular" ...). */
  RDSTATION
}
