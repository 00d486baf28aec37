package io.picloud.rhai.impl;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.impl.packages.Packages;
import io.picloud.rhai.impl.runtime.FunctionTable;
import org.junit.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Calls every function of the standard library (every name and arity its packages register) with arguments of
 * every Rhai type, as a function and as a method, in scripts run under sandbox limits, with a fixed seed. Every
 * failure must be a Rhai error: a kind of Rhai's {@code EvalAltResult}, never {@code ErrorSystem}, never a Java
 * exception's name in the message, and never an exception escaping the engine.
 */
public class StdlibFuzzTest {
    /** Rhai's {@code EvalAltResult} variants a script error may carry ({@code ErrorSystem} left out on purpose). */
    private static final Set<String> RHAI_KINDS = Set.of("ErrorArithmetic", "ErrorArrayBounds",
            "ErrorAssignmentToConstant", "ErrorBitFieldBounds", "ErrorCustomSyntax", "ErrorDataRace",
            "ErrorDataTooLarge", "ErrorDotExpr", "ErrorFor", "ErrorForbiddenVariable", "ErrorFunctionNotFound",
            "ErrorInFunctionCall", "ErrorInModule", "ErrorIndexNotFound", "ErrorIndexingType",
            "ErrorMismatchDataType", "ErrorMismatchOutputType", "ErrorModuleNotFound",
            "ErrorNonPureMethodCallOnConstant", "ErrorParsing", "ErrorPropertyNotFound", "ErrorRuntime",
            "ErrorStackOverflow", "ErrorStringBounds", "ErrorTerminated", "ErrorTooManyModules",
            "ErrorTooManyOperations", "ErrorTooManyVariables", "ErrorUnboundThis", "ErrorVariableExists",
            "ErrorVariableNotFound");
    /** A Java exception or error class named in a message ({@code NumberFormatException}, {@code java.lang.}). */
    private static final Pattern JAVA_LEAK = Pattern.compile("[A-Za-z](Exception|Error)\\b|java\\.|Internal error");
    /** Functions left out: {@code sleep} waits on the wall clock, which would only measure the deadline. */
    private static final Set<String> SKIPPED = Set.of("sleep/1");
    /** Random calls per parameter of each function before its accepted argument types are known, and after. */
    private static final int EXPLORE_PER_PARAMETER = 10;
    private static final int CALLS_PER_PARAMETER = 50;
    private static final RhaiEngine ENGINE = RhaiEngine.builder()
            .limits(new Limits(50_000, 16, 64, 32, 200_000, 20_000, 20_000, 200, 50, 4,
                    Duration.ofSeconds(2), 32L << 20, 16, 50, 64_000))
            .build();

    private static final String BIG_STRING = "\"" + "ab\u00e9\u4e2d".repeat(1_500) + "\"";

    /** Source expressions by Rhai type, covering each type's edges. */
    private static final Map<String, String[]> BY_TYPE = byType(
        "INT", new String[] {
            "0", "1", "-1", "2", "3", "7", "63", "64", "65", "-64", "1000", "100000", "-100000", "9223372036854775807",
            "(-9223372036854775807 - 1)", "-9223372036854775807", "2147483648", "-2147483649", "0x10FFFF", "0xD800"
        },
        "FLOAT", new String[] {
            "0.0", "-0.0", "0.5", "-2.5", "1.0e308", "-1.0e308", "4.9e-324", "1e19", "-1e19", "parse_float(\"NaN\")",
            "parse_float(\"inf\")", "parse_float(\"-inf\")"
        },
        "STRING", new String[] {
            "\"\"", "\"a\"", "\"abc\"", "\" \"", "\"h\u00e9llo w\u00f6rld \ud83d\ude00\"",
            "\"\\\\u12\"",
            "\"{\\\"a\\\": \\\"\\\\u12\\\"}\"", "\"{\\\"a\\\": \\\"\\\\ud800\\\"}\"",
            "\"{\\\"a\\\": \\\"\\\\uZZZZ\\\"}\"",
            "\"{\\\"a\\\": 1e999, \\\"b\\\": 99999999999999999999}\"", "\"{\\\"a\\\": [1, {\\\"b\\\": null}]}\"",
            "\"{\"", "\"[1, 2\"", "\"}\"", "\"123\"", "\"-5\"", "\"0x1F\"", "\"1e5\"", "\"9223372036854775808\"",
            "\"NaN\"", "\"\\t\\n\\r\\0\"", "\"\ud83d\ude00\"", BIG_STRING
        },
        "CHAR", new String[] {
            "'a'", "'Z'", "' '", "'\u00e9'", "'\ud83d\ude00'", "'\\0'", "'\\n'"
        },
        "BOOL", new String[] {"true", "false"},
        "UNIT", new String[] {"()"},
        "ARRAY", new String[] {
            "[]", "[1, 2, 3]", "[3, 1, 2]", "[\"b\", \"a\"]", "[1, \"a\", 2.5, (), true]", "[[1], [2, 3]]",
            "['a', 'b']", "[1.5, -0.0, parse_float(\"NaN\")]", "[#{a: 1}, #{a: 2}]"
        },
        "MAP", new String[] {
            "#{}", "#{a: 1, b: \"x\"}", "#{\"\": ()}", "#{a: #{b: [1, 2]}}", "#{x: 1.5, y: 'c'}"
        },
        "BLOB", new String[] {
            "blob()", "blob(4, 255)", "blob(3, 1)", "blob(16, 0x41)"
        },
        "FNPTR", new String[] {
            "Fn(\"abs\")", "Fn(\"to_string\")", "Fn(\"nothing_here\")", "|x| x", "|x, y| x + y", "|a, b, c| a",
            "|| 42", "|x| throw \"boom\"", "|x| x.len()", "|x, i| i", "|x| x > 1", "|x| ()", "|a, b| a < b",
            "|a, b| 0", "Fn(\"abs\").curry(-1)"
        },
        "RANGE", new String[] {
            "0..3", "0..=5", "5..1", "-3..3", "0..0", "(-9223372036854775807 - 1)..9223372036854775807", "1..=0",
            "0..100000"
        },
        "TIMESTAMP", new String[] {"timestamp()"}
    );
    private static final List<String> TYPES = List.copyOf(BY_TYPE.keySet());
    /** Every value with its type: {@code [type, source]}. */
    private static final List<String[]> VALUES = BY_TYPE.entrySet().stream()
            .flatMap(e -> java.util.Arrays.stream(e.getValue()).map(v -> new String[] {e.getKey(), v})).toList();

    /** Operators, indexing and compound assignment: the natives a script reaches without naming them. */
    private static final String[] OPERATORS = {
        "a0 + a1", "a0 - a1", "a0 * a1", "a0 / a1", "a0 % a1", "a0 ** a1", "a0 << a1", "a0 >> a1", "a0 & a1",
        "a0 | a1", "a0 ^ a1", "a0 == a1", "a0 != a1", "a0 < a1", "a0 <= a1", "a0 > a1", "a0 >= a1", "a0 in a1",
        "a0 ?? a1", "a0 && a1", "a0 || a1", "-a0", "!a0", "a0[a1]", "a0[a1] = a2", "a0[a1] += a2", "a0 += a1",
        "a0 -= a1", "a0 *= a1", "a0 /= a1", "a0 %= a1", "a0 **= a1", "a0 <<= a1", "a0 >>= a1", "a0 &= a1",
        "a0 |= a1", "a0 ^= a1", "`${a0}${a1}`", "a0.a1", "a0?.a1", "a0?[a1]", "for x in a0 { a1 += 1; }",
        "switch a0 { 1 => a1, 0..3 => a2, _ => 0 }", "a0.call(a1)", "a0.curry(a1).call(a2)",
    };

    /** How the runs ended (a value, or the error kind), to show that the arguments reach the functions. */
    private final Map<String, Integer> outcomes = new TreeMap<>();
    /** What leaked, by function and message, with the first script that showed it. */
    private final Map<String, String> leaks = new TreeMap<>();
    private final Random rnd = new Random(20260612L);
    private int calls;

    private static Map<String, String[]> byType(Object... pairs) {
        Map<String, String[]> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (String[]) pairs[i + 1]);
        }
        return m;
    }

    @Test
    public void everyStandardFunctionFailsOnlyWithRhaiErrors() {
        FunctionTable table = new FunctionTable();
        Packages.registerKeywords(table);
        Packages.registerStandard(table);
        List<String> signatures = new ArrayList<>(table.signatures());
        signatures.removeAll(SKIPPED);
        for (String sig : signatures) {
            int slash = sig.lastIndexOf('/');
            fuzz(sig, sig.substring(0, slash), null, Integer.parseInt(sig.substring(slash + 1)));
        }
        for (String op : OPERATORS) {
            fuzz(op, null, op, op.contains("a2") ? 3 : op.contains("a1") ? 2 : 1);
        }
        System.out.println("StdlibFuzzTest: " + calls + " calls of " + signatures.size() + " functions and "
                + OPERATORS.length + " operators: " + outcomes);
        assertTrue("too few calls: " + calls, calls > 30_000);
        assertTrue("too few calls get past overload resolution: " + outcomes,
                calls - outcomes.getOrDefault("ErrorFunctionNotFound", 0) > calls / 3);
        if (!leaks.isEmpty()) {
            StringBuilder sb = new StringBuilder(leaks.size() + " leaks in " + calls + " calls:\n");
            leaks.forEach((k, v) -> sb.append(k).append("\n    ").append(v.length() > 300 ? v.substring(0, 300)
                    : v).append('\n'));
            fail(sb.toString());
        }
    }

    /**
     * Explores a function (or an operator, as source over {@code a0..a2}): each value once as the first argument
     * and random calls, then random values of the argument types some call got past overload resolution with.
     */
    private void fuzz(String what, String name, String operator, int arity) {
        if (arity == 0) {
            run(what, name, operator, new String[0][], false);
            return;
        }
        List<String[]> accepted = new ArrayList<>();
        int explore = VALUES.size() + EXPLORE_PER_PARAMETER * arity;
        for (int n = 0; n < explore; n++) {
            String[][] args = new String[arity][];
            for (int i = 0; i < arity; i++) {
                args[i] = i == 0 && n < VALUES.size() ? VALUES.get(n)
                        : i > 0 && rnd.nextBoolean() ? pick("INT") : VALUES.get(rnd.nextInt(VALUES.size()));
            }
            if (run(what, name, operator, args, rnd.nextBoolean())) {
                String[] types = new String[arity];
                for (int i = 0; i < arity; i++) {
                    types[i] = args[i][0];
                }
                accepted.add(types);
            }
        }
        for (int n = 0; n < CALLS_PER_PARAMETER * arity && !accepted.isEmpty(); n++) {
            String[] types = accepted.get(rnd.nextInt(accepted.size()));
            String[][] args = new String[arity][];
            for (int i = 0; i < arity; i++) {
                args[i] = rnd.nextInt(10) == 0 ? pick(TYPES.get(rnd.nextInt(TYPES.size()))) : pick(types[i]);
            }
            run(what, name, operator, args, rnd.nextBoolean());
        }
    }

    private String[] pick(String type) {
        String[] vs = BY_TYPE.get(type);
        return new String[] {type, vs[rnd.nextInt(vs.length)]};
    }

    /** Runs one call and records a leak; true when the call got past overload resolution. */
    private boolean run(String what, String name, String operator, String[][] args, boolean method) {
        String src = operator != null ? declarations(args) + operator : script(name, args, method && args.length > 0);
        calls++;
        String kind;
        String message;
        try {
            ENGINE.run(ENGINE.compile("fuzz", src), RunOptions.of(Map.of(), null));
            kind = "value";
            message = "";
        } catch (RhaiRuntimeException e) {
            kind = e.kind();
            message = String.valueOf(e.getMessage());
        } catch (RhaiParseException e) {
            kind = e.kind();
            message = String.valueOf(e.getMessage());
        } catch (Throwable t) {
            kind = "escaped " + t.getClass().getName();
            message = String.valueOf(t.getMessage());
        }
        outcomes.merge(kind, 1, Integer::sum);
        if (!kind.equals("value") && (!RHAI_KINDS.contains(kind) || JAVA_LEAK.matcher(message).find())) {
            String shortMsg = message.length() > 200 ? message.substring(0, 200) : message;
            leaks.putIfAbsent(what + " " + kind + ": " + shortMsg.replaceAll("\\[.*?\\]", ""), src);
        }
        return !(kind.equals("ErrorFunctionNotFound") && name != null
                && message.startsWith("Function not found: " + name + " ("));
    }

    /** {@code let a0 = ...; ...; name(a0, ...)} or, as a method, {@code a0.name(a1, ...)}. */
    static String script(String name, String[][] args, boolean method) {
        List<String> vars = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            vars.add("a" + i);
        }
        String tail = method ? "a0." + name + "(" + String.join(", ", vars.subList(1, vars.size())) + ")"
                : name + "(" + String.join(", ", vars) + ")";
        return declarations(args) + tail;
    }

    static String declarations(String[][] args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            sb.append("let a").append(i).append(" = ").append(args[i][1]).append(";\n");
        }
        return sb.toString();
    }
}
