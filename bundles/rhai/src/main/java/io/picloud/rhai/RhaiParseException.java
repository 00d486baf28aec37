package io.picloud.rhai;

import java.util.List;

/** The source does not compile. Carries every syntax/semantic error found, each with its position. */
public final class RhaiParseException extends RhaiException {
    /**
     * One compile error.
     *
     * @param parseErrorType the name of Rhai's {@code ParseErrorType} variant ({@code MissingToken}, {@code BadInput}, ...)
     */
    public record Error(String parseErrorType, String message, int line, int column) {
    }

    private final List<Error> errors;

    public RhaiParseException(String scriptName, List<Error> errors) {
        super(ErrorKind.PARSING.rhaiName(), errors.isEmpty() ? "parse error" : errors.get(0).message(), scriptName,
                errors.isEmpty() ? 0 : errors.get(0).line(), errors.isEmpty() ? 0 : errors.get(0).column(), null);
        this.errors = List.copyOf(errors);
    }

    public List<Error> errors() { return errors; }
}
