package io.picloud.shell.impl;

import io.picloud.api.ScriptProblem;

import java.util.List;

/** Formats script problems for the console: {@code line:column Kind: message}, one per line. */
final class Problems {
    private Problems() {
    }

    static String format(ScriptProblem p) {
        String where = p.line() > 0 ? p.line() + ":" + p.column() + " " : "";
        return where + p.kind() + ": " + p.message();
    }

    static String format(List<ScriptProblem> problems) {
        StringBuilder b = new StringBuilder();
        for (ScriptProblem p : problems) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append("  ").append(format(p));
        }
        return b.toString();
    }
}
