/**
 * OAuth2 access tokens for IMAP XOAUTH2, obtained by Puerto itself ({@link
 * dev.puerto.oauth.AccessTokens}): Microsoft 365 with the client-credentials grant (client secret
 * or certificate), Google with a stored refresh token or a service account with domain-wide
 * delegation; and the one-time consent of {@code puerto imap login} ({@link
 * dev.puerto.oauth.LoopbackLogin}). The token requests go through the Nimbus OAuth 2.0 SDK. Must
 * not know IMAP, the database or the command line: it hands out a token, or says why it cannot.
 * Secrets (client secret, refresh token, private key, access token) are read from files when needed
 * and never appear in a log line, an exception message or a {@code toString()}.
 */
package dev.puerto.oauth;
