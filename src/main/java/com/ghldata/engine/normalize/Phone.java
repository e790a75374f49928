package com.ghldata.engine.normalize;

/**
 * A valid phone number.
 *
 * @param e164 the number in E.164, e.g. +5511987654321
 * @param region ISO 3166 alpha-2 region the number belongs to, e.g. BR
 * @param ninthDigitAdded true when a legacy 8-digit Brazilian mobile got its leading 9
 */
public record Phone(String e164, String region, boolean ninthDigitAdded) {}
