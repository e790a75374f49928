package com.ghldata.web;

import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The words of every error, one catalogue per language: webroot/i18n/{en,pt-BR,es}.json, UTF-8,
 * flat keys {@code title.<code>}, {@code detail.<code>} and {@code detail.<code>.<variant>} with
 * named parameters ({@code {row}}, {@code {limit}}). The web UI fetches the same files, so a
 * message reads the same in the API and on the page. The language is the request's
 * Accept-Language (q-values honoured), English when it names none of ours.
 */
final class Messages {
  private static final Logger LOG = LoggerFactory.getLogger(Messages.class);
  static final List<String> LANGUAGES = List.of("en", "pt-BR", "es");
  /** The API's language for clients that ask for none: its English has always been the default. */
  static final String DEFAULT_LANGUAGE = "en";
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");
  private static final Messages CATALOGUES = load();

  private final Map<String, Map<String, String>> byLanguage;

  private Messages(Map<String, Map<String, String>> byLanguage) {
    this.byLanguage = byLanguage;
  }

  static Messages catalogues() {
    return CATALOGUES;
  }

  private static Messages load() {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (String lang : LANGUAGES) {
      String path = "webroot/i18n/" + lang + ".json";
      try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("the message catalogue " + path + " is missing from the jar");
        }
        JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        Map<String, String> entries = new LinkedHashMap<>();
        json.forEach(e -> entries.put(e.getKey(), String.valueOf(e.getValue())));
        all.put(lang, Map.copyOf(entries));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
    return new Messages(Map.copyOf(all));
  }

  /** The catalogue of one language, for tests. */
  Map<String, String> catalogue(String language) {
    return byLanguage.get(language);
  }

  /**
   * The best of our languages for an Accept-Language header: the highest-weighted range whose
   * primary language we speak (pt, pt-PT and pt-BR all read pt-BR); "*" or nothing we speak, English.
   */
  static String language(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return DEFAULT_LANGUAGE;
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(acceptLanguage.length() > 512 ? acceptLanguage.substring(0, 512)
          : acceptLanguage);
    } catch (IllegalArgumentException malformed) {
      return DEFAULT_LANGUAGE;
    }
    for (Locale.LanguageRange range : ranges) {
      if (range.getWeight() <= 0) {
        continue;
      }
      String primary = range.getRange().split("-", 2)[0].toLowerCase(Locale.ROOT);
      switch (primary) {
        case "*", "en":
          return "en";
        case "pt":
          return "pt-BR";
        case "es":
          return "es";
        default:
          // not one of ours: try the next range
      }
    }
    return DEFAULT_LANGUAGE;
  }

  /** A short summary of the problem type: the specific code's, else its category's. */
  String title(String language, Failure f) {
    String title = entry(language, "title." + f.code());
    return title != null ? title : entry(language, "title." + f.category().code());
  }

  /**
   * The sentence for this occurrence: the variant's message, else the code's, else the category's,
   * with its parameters filled in. A code no catalogue knows is logged and worded by its category.
   */
  String detail(String language, Failure f) {
    String template = f.variant() == null ? null : entry(language, "detail." + f.messageKey());
    if (template == null) {
      template = entry(language, "detail." + f.code());
    }
    if (template == null) {
      LOG.warn("no message for {} in {}: add it to webroot/i18n", f.messageKey(), language);
      template = entry(language, "detail." + f.category().code());
    }
    return template == null ? f.detail() : render(language, template, f.params());
  }

  /**
   * Words the error of a job, or of each job of a page ({@code items}), in the language: a stored
   * failure is code, variant and parameters ({code, message, variant?, row?, ...}); its
   * {@code message} becomes the sentence for this reader.
   */
  JsonObject wordJobErrors(JsonObject body, String language) {
    if (body == null) {
      return null;
    }
    JsonArray items = body.getValue("items") instanceof JsonArray a ? a : null;
    if (items != null) {
      items.forEach(job -> {
        if (job instanceof JsonObject j) {
          wordJobErrors(j, language);
        }
      });
    }
    JsonObject error = body.getValue("error") instanceof JsonObject e ? e : null;
    if (error != null && error.getString("code") != null) {
      String code = error.getString("code");
      Map<String, Object> params = new LinkedHashMap<>(error.getMap());
      ErrorCode.RESERVED_MEMBERS.forEach(params::remove);
      ErrorCode category = Arrays.stream(ErrorCode.values()).filter(c -> c.code().equals(code)).findFirst()
          .orElse(ErrorCode.UNUSABLE_FILE);
      Failure f = new Failure(category, code, error.getString("variant"), params, error.getString("message"));
      error.put("title", title(language, f)).put("message", detail(language, f));
    }
    return body;
  }

  private String entry(String language, String key) {
    Map<String, String> catalogue = byLanguage.getOrDefault(language, byLanguage.get(DEFAULT_LANGUAGE));
    String text = catalogue.get(key);
    return text != null ? text : byLanguage.get(DEFAULT_LANGUAGE).get(key);
  }

  /** Fills {name} with the parameter, numbers in the language's digits, lists joined; unknown names stay. */
  static String render(String language, String template, Map<String, ?> params) {
    Locale locale = Locale.forLanguageTag(language);
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = params.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : format(locale, value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String format(Locale locale, Object value) {
    if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      NumberFormat f = NumberFormat.getIntegerInstance(locale);
      // Spanish groups only from five digits on (CLDR's minimum grouping), as the browser's Intl does.
      f.setGroupingUsed(!"es".equals(locale.getLanguage()) || Math.abs(n) >= 10_000);
      return f.format(n);
    }
    if (value instanceof Number n) {
      return NumberFormat.getInstance(locale).format(n);
    }
    if (value instanceof JsonArray a) {
      return format(locale, a.getList());
    }
    if (value instanceof Collection<?> c) {
      return String.join(", ", c.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }
}
