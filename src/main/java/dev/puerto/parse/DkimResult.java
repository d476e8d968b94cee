package dev.puerto.parse;

import java.io.Serializable;

/**
 * One DKIM signature check: {@code domain} lower-case without a trailing dot, {@code result}
 * lower-cased, {@code selector} and {@code humanResult} trimmed as sent; absent = {@code null}.
 */
public record DkimResult(String domain, String selector, String result, String humanResult)
    implements Serializable {}
