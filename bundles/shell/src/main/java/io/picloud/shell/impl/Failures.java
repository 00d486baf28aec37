package io.picloud.shell.impl;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.picloud.api.StoreUnavailableException;
import io.picloud.api.control.OperationException;
import org.apache.karaf.shell.support.CommandException;

/**
 * Refusals of the control-plane services as console messages: one line saying what was refused and why (the
 * service's message, which is safe to show), then one indented line per detail such as a compile error. Thrown as
 * a {@link CommandException}, which Karaf prints in red and never with a stack trace.
 */
final class Failures {
    private Failures() {
    }

    static CommandException of(OperationException e) {
        return new CommandException(message(e));
    }

    static String message(OperationException e) {
        String text = e.getMessage() == null ? e.code() : e.getMessage();
        StringBuilder b = new StringBuilder();
        switch (e.kind()) {
            case INVALID -> b.append(e.field() == null ? capitalized(text) : "Invalid " + e.field() + ": " + text);
            case UNAUTHENTICATED -> b.append("Not authenticated: ").append(text);
            case FORBIDDEN -> b.append("Not allowed: ").append(text);
            case NOT_FOUND -> b.append(capitalized(text));
            case CONFLICT -> b.append("Refused: ").append(text);
            case UNPROCESSABLE -> b.append(capitalized(text))
                    .append(e.field() == null ? "" : " (field " + e.field() + ")");
            case TOO_MANY -> b.append(capitalized(text))
                    .append(e.retryAfterSeconds() > 0 ? "; try again in " + e.retryAfterSeconds() + " s" : "");
        }
        String details = details(e.details());
        if (!details.isEmpty()) {
            b.append('\n').append(details);
        }
        return b.toString();
    }

    /** Structured details (e.g. compile errors with kind, message, line, column), one indented line each. */
    static String details(List<Map<String, Object>> details) {
        if (details == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> d : details) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append("  ");
            if (number(d.get("line")) > 0) {
                b.append(number(d.get("line"))).append(':').append(number(d.get("column"))).append(' ');
            }
            Object kind = d.get("kind");
            if (kind != null) {
                b.append(kind).append(": ");
            }
            b.append(d.getOrDefault("message", d));
        }
        return b.toString();
    }

    static CommandException of(StoreUnavailableException e) {
        return new CommandException("The database cannot be reached now, nothing was changed: " + e.getMessage());
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
