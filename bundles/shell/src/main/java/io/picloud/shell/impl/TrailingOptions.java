package io.picloud.shell.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options written after a command's arguments. Karaf stops reading options at the first argument, so
 * {@code picloud:user-add bob developer --password} reaches the command as three arguments; commands that
 * document options after their arguments collect the rest in a multi-valued argument and read it here.
 */
final class TrailingOptions {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private TrailingOptions() {
    }

    /**
     * @param words  the trailing words, may be null
     * @param flags  options without a value, e.g. {@code --password}
     * @param valued options that take one value each time, e.g. {@code --script}
     * @throws IllegalArgumentException for an unknown option, a missing value or a stray argument
     */
    static TrailingOptions parse(List<String> words, Set<String> flags, Set<String> valued) {
        TrailingOptions out = new TrailingOptions();
        if (words == null) {
            return out;
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String name = word;
            String value = null;
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 0) {
                name = word.substring(0, eq);
                value = word.substring(eq + 1);
            }
            if (flags.contains(name) && value == null) {
                out.values.computeIfAbsent(name, k -> new ArrayList<>());
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= words.size()) {
                        throw new IllegalArgumentException("Option " + name + " needs a value");
                    }
                    value = words.get(++i);
                }
                out.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (word.startsWith("-")) {
                throw new IllegalArgumentException("Unknown option " + word);
            } else {
                throw new IllegalArgumentException("Too many arguments: '" + word + "'");
            }
        }
        return out;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every value of {@code name}, in order; empty when absent. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The last value of {@code name}, or {@code fallback} when absent. */
    String last(String name, String fallback) {
        List<String> v = all(name);
        return v.isEmpty() ? fallback : v.get(v.size() - 1);
    }
}
