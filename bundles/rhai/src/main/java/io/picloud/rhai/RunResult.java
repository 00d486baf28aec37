package io.picloud.rhai;

import java.util.List;

/**
 * What one successful run produced.
 *
 * @param value      the script's value converted to Java (see {@link RhaiEngine} for the mapping)
 * @param output     the lines written by {@code print} and {@code debug}, in order (never written to stdout)
 * @param operations the number of operations the run used
 */
public record RunResult(Object value, List<String> output, long operations) {
}
