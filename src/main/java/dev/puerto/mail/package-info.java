/**
 * Sending mail by SMTP, for every feature that mails (the summary, alerts): the settings ({@link
 * dev.puerto.mail.SmtpSettings}) and one place that turns them into a jakarta.mail session with
 * timeouts and TLS ({@link dev.puerto.mail.Smtp}). It knows nothing of what is sent.
 */
package dev.puerto.mail;
