package dev.puerto.generate;

/**
 * A sending host. {@code serviceDomain} is the ESP, list or HELO domain it authenticates as, or the
 * spammer's own domain; it is null for the policy domain's own servers.
 */
record Sender(SenderKind kind, String ip, String serviceDomain) {}
