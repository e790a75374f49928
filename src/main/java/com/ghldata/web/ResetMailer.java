package com.ghldata.web;

import com.ghldata.config.PasswordReset;
import com.ghldata.config.PasswordReset.Smtp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a password-reset link: by mail when SMTP_URL is set; else, in development and test with
 * text logs, to the log, so a self-hosted app works without a mail server. Never to a production
 * log, nor to a JSON one: the link is a key to the account, and JSON lines go to a log collector
 * that many people read and that keeps them.
 */
final class ResetMailer {
  private static final Logger LOG = LoggerFactory.getLogger(ResetMailer.class);
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private final PasswordReset settings;
  private final boolean logsLinks;
  private final MailClient mail;

  /** @param logsLinks whether, without SMTP_URL, links go to the log: outside production, with text logs only */
  ResetMailer(Vertx vertx, PasswordReset settings, boolean logsLinks) {
    this.settings = settings;
    this.logsLinks = logsLinks;
    this.mail = settings.mails() ? MailClient.create(vertx, mailConfig(settings.smtp())) : null;
    LOG.info("password reset links: {}", mail != null ? "mailed through " + settings.smtp() + " as " + settings.sender()
        : logsLinks ? "written to this log (set SMTP_URL to mail them)"
        : "off (set SMTP_URL: production and JSON logs never carry a link)");
  }

  /** Whether a link can reach anyone; in production without SMTP_URL none is made at all. */
  boolean delivers() {
    return mail != null || logsLinks;
  }

  /** Sends (or logs) the link; a failure is logged, never shown to the asker. */
  Future<Void> deliver(String email, String link, int minutes) {
    if (mail == null) {
      if (logsLinks) {
        LOG.info("password reset link for {} (no SMTP_URL set, so it is logged; never in production nor in JSON logs): {}",
            email, link);
      }
      return Future.succeededFuture();
    }
    MailMessage message = new MailMessage()
        .setFrom(settings.sender())
        .setTo(email)
        .setSubject("Redefinir a senha do GHL Data")
        .setText(text(link, minutes));
    return mail.sendMail(message).<Void>mapEmpty().recover(e -> {
      LOG.warn("could not send a password reset mail through {}: {}", settings.smtp(), e.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Tells the operator, without any address or token, that nobody got a link. */
  void refused() {
    LOG.warn("a password reset was asked for, but SMTP_URL is not set: no link was sent (production and JSON logs never"
        + " carry one)");
  }

  Future<Void> close() {
    return mail == null ? Future.succeededFuture() : mail.close();
  }

  static String text(String link, int minutes) {
    return "Olá,\n\n"
        + "Recebemos um pedido para redefinir a senha da sua conta no GHL Data. Para escolher uma nova senha,"
        + " abra o link abaixo. Ele vale por " + minutes + " minutos e só pode ser usado uma vez.\n\n"
        + link + "\n\n"
        + "Se não foi você quem pediu, ignore este e-mail: a sua senha continua a mesma.\n\n"
        + "— GHL Data\n";
  }

  private static MailConfig mailConfig(Smtp smtp) {
    MailConfig config = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setSsl(smtp.tls())
        .setStarttls(StartTLSOptions.OPTIONAL)
        .setLogin(smtp.user() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
        // A reset mail is rare: a fresh connection each time rather than one the server may have dropped.
        .setKeepAlive(false);
    config.setConnectTimeout(CONNECT_TIMEOUT_MS);
    if (smtp.user() != null) {
      config.setUsername(smtp.user()).setPassword(smtp.password());
    }
    return config;
  }
}
