package com.ghldata.engine.normalize;

import java.util.Set;

/**
 * Email domains one keystroke away from a big mailbox provider ({@code gmail.con}, {@code hotmal.com},
 * {@code yahoo.com.bt}): valid in form, but mail to them bounces, so they stay out of the GHL file and
 * the issues list names the likely fix. Real domains near a provider (mail.com beside gmail.com,
 * bol.com.br beside uol.com.br) are known and left alone.
 */
public final class EmailTypos {
  /**
   * The providers most lists are made of, in Brazil and elsewhere; short ones (msn.com, aol.com)
   * are left out, as too many real domains are one letter from them.
   */
  private static final String[] PROVIDERS = {
      "gmail.com", "hotmail.com", "hotmail.com.br", "outlook.com", "outlook.com.br", "yahoo.com", "yahoo.com.br",
      "icloud.com", "uol.com.br", "bol.com.br", "terra.com.br", "globo.com", "globomail.com", "protonmail.com"};
  /** Real domains one edit from a provider, and the providers themselves. */
  private static final Set<String> KNOWN = Set.of(
      "gmail.com", "hotmail.com", "hotmail.com.br", "outlook.com", "outlook.com.br", "yahoo.com", "yahoo.com.br",
      "icloud.com", "live.com", "uol.com.br", "bol.com.br", "terra.com.br", "globo.com", "globomail.com",
      "ig.com.br", "msn.com", "aol.com", "protonmail.com", "mail.com", "email.com", "ymail.com", "gmx.com",
      "me.com", "mac.com", "live.co.uk", "yahoo.co.uk", "yahoo.es", "yahoo.fr", "hotmail.es", "hotmail.fr",
      "outlook.es", "outlook.pt", "live.com.br", "live.com.pt", "sapo.pt", "zoho.com", "proton.me", "pm.me",
      "aim.com", "uol.com", "bol.com", "ig.com", "oi.com.br", "r7.com", "live.cl");
  /** Domains repeat over a file: each is decided once. */
  private static final Memo<String> FIXES = new Memo<>(1024, EmailTypos::providerFor);

  private EmailTypos() {}

  /**
   * The address with its domain's likely typo corrected, or null when the domain is not a typo.
   *
   * @param email a valid, lower-case address
   */
  public static String likelyFix(String email) {
    int at = email.lastIndexOf('@');
    String domain = email.substring(at + 1);
    if (KNOWN.contains(domain)) {
      return null;
    }
    String provider = FIXES.get(domain);
    return provider.isEmpty() ? null : email.substring(0, at + 1) + provider;
  }

  /** The provider one edit away from the domain, or "" (memoised, so never null). */
  private static String providerFor(String domain) {
    for (String p : PROVIDERS) {
      if (Math.abs(p.length() - domain.length()) <= 1 && oneEditApart(domain, p)) {
        return p;
      }
    }
    return "";
  }

  /** One insertion, deletion, substitution or swap of neighbours turns a into b (a != b). */
  static boolean oneEditApart(String a, String b) {
    int la = a.length();
    int lb = b.length();
    int i = 0;
    while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (la == lb) {
      if (i == la) {
        return false;
      }
      if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
        return true;
      }
      return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
          && a.regionMatches(i + 2, b, i + 2, la - i - 2);
    }
    if (la == lb + 1) {
      return a.regionMatches(i + 1, b, i, lb - i);
    }
    if (lb == la + 1) {
      return b.regionMatches(i + 1, a, i, la - i);
    }
    return false;
  }
}
