package dev.puerto.parse;

import java.io.Serializable;

/**
 * Why the receiver applied another disposition than the policy: {@code type} lower-cased ({@code
 * <type/>} stays {@code ""}), {@code comment} trimmed; absent = {@code null}.
 */
public record OverrideReason(String type, String comment) implements Serializable {}
