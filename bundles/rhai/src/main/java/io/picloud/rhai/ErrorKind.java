package io.picloud.rhai;

import java.util.HashMap;
import java.util.Map;

/**
 * The kinds of Rhai runtime error ({@code EvalAltResult} variants) that this engine raises. The text of each
 * constant ({@link #rhaiName()}, also its {@link #toString()}) is Rhai's variant name, which is what
 * {@link RhaiException#kind()} returns and what {@code catch (err)} shows as {@code err.error}.
 * A host function may raise other kinds; those have no constant here.
 */
public enum ErrorKind {
    SYSTEM("ErrorSystem"),
    PARSING("ErrorParsing"),
    VARIABLE_EXISTS("ErrorVariableExists"),
    FORBIDDEN_VARIABLE("ErrorForbiddenVariable"),
    VARIABLE_NOT_FOUND("ErrorVariableNotFound"),
    PROPERTY_NOT_FOUND("ErrorPropertyNotFound"),
    INDEX_NOT_FOUND("ErrorIndexNotFound"),
    FUNCTION_NOT_FOUND("ErrorFunctionNotFound"),
    MODULE_NOT_FOUND("ErrorModuleNotFound"),
    IN_FUNCTION_CALL("ErrorInFunctionCall"),
    IN_MODULE("ErrorInModule"),
    UNBOUND_THIS("ErrorUnboundThis"),
    MISMATCH_DATA_TYPE("ErrorMismatchDataType"),
    MISMATCH_OUTPUT_TYPE("ErrorMismatchOutputType"),
    INDEXING_TYPE("ErrorIndexingType"),
    ARRAY_BOUNDS("ErrorArrayBounds"),
    STRING_BOUNDS("ErrorStringBounds"),
    BIT_FIELD_BOUNDS("ErrorBitFieldBounds"),
    FOR("ErrorFor"),
    DATA_RACE("ErrorDataRace"),
    NON_PURE_METHOD_CALL_ON_CONSTANT("ErrorNonPureMethodCallOnConstant"),
    ASSIGNMENT_TO_CONSTANT("ErrorAssignmentToConstant"),
    DOT_EXPR("ErrorDotExpr"),
    ARITHMETIC("ErrorArithmetic"),
    TOO_MANY_OPERATIONS("ErrorTooManyOperations"),
    TOO_MANY_VARIABLES("ErrorTooManyVariables"),
    TOO_MANY_MODULES("ErrorTooManyModules"),
    STACK_OVERFLOW("ErrorStackOverflow"),
    DATA_TOO_LARGE("ErrorDataTooLarge"),
    TERMINATED("ErrorTerminated"),
    CUSTOM_SYNTAX("ErrorCustomSyntax"),
    RUNTIME("ErrorRuntime");

    private static final Map<String, ErrorKind> BY_NAME = new HashMap<>();

    static {
        for (ErrorKind k : values()) {
            BY_NAME.put(k.rhaiName, k);
        }
    }

    private final String rhaiName;

    ErrorKind(String rhaiName) {
        this.rhaiName = rhaiName;
    }

    /** Rhai's name of this kind, e.g. {@code ErrorDataTooLarge}. */
    public String rhaiName() { return rhaiName; }

    @Override
    public String toString() { return rhaiName; }

    /** The constant whose Rhai name is {@code rhaiName}, or {@code null} when there is none. */
    public static ErrorKind of(String rhaiName) {
        return rhaiName == null ? null : BY_NAME.get(rhaiName);
    }
}
