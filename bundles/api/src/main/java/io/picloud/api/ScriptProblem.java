package io.picloud.api;

/**
 * A compile or runtime error of a script, as clients see it.
 *
 * @param kind Rhai error kind ({@code ErrorParsing}, {@code ErrorArithmetic}, {@code ErrorTooManyOperations} ...)
 */
public record ScriptProblem(String kind, String message, int line, int column) {
}
