package io.picloud.rhai.impl.parser;

import java.math.BigDecimal;

/** Decoding of number, string and character literals (with Rhai's escape rules). */
final class Literal {
    private Literal() {
    }

    /** Thrown for a malformed literal; carries the LexError name. */
    static final class Bad extends RuntimeException {
        final String type;

        Bad(String type, String msg) {
            super(msg, null, false, false);
            this.type = type;
        }
    }

    static Object number(String text, boolean neg, int tokenType) {
        String t = text.replace("_", "");
        if (tokenType == RhaiLexer.FLOAT_LIT) {
            double d = Double.parseDouble(t);
            return neg ? -d : d;
        }
        if (tokenType == RhaiLexer.INT_LIT) {
            String s = neg ? "-" + t : t;
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return new BigDecimal(s).doubleValue();
            }
        }
        int radix = tokenType == RhaiLexer.HEX_LIT ? 16 : tokenType == RhaiLexer.OCT_LIT ? 8 : 2;
        String digits = t.substring(2);
        if (digits.isEmpty()) {
            throw new Bad("MalformedNumber", "Invalid number: " + text);
        }
        try {
            long v = Long.parseUnsignedLong(digits, radix);
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw new Bad("MalformedNumber", "Invalid number: " + text);
        }
    }

    /** Decodes a double-quoted string token (quotes included); quoteCol is the 0-based column of the quote. */
    static String string(String tok, int quoteCol) {
        String body = tok.substring(1, tok.length() - 1);
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                sb.append('"');
                i++;
            } else if (c == '\\') {
                i = escape(body, i, sb, quoteCol);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int escape(String body, int i, StringBuilder sb, int quoteCol) {
        if (i + 1 >= body.length()) {
            throw new Bad("MalformedEscapeSequence", "Invalid escape sequence: \\");
        }
        char e = body.charAt(++i);
        switch (e) {
            case '\\' -> sb.append('\\');
            case '"' -> sb.append('"');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case '0' -> sb.append('\0');
            case 'x', 'u', 'U' -> {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + n > body.length() - 1) {
                    throw new Bad("MalformedEscapeSequence", "Invalid escape sequence: \\" + e);
                }
                try {
                    int cp = Integer.parseInt(body.substring(i + 1, i + 1 + n), 16);
                    sb.appendCodePoint(cp);
                } catch (RuntimeException ex) {
                    throw new Bad("MalformedEscapeSequence", "Invalid escape sequence: \\" + e);
                }
                i += n;
            }
            case '\r', '\n' -> {
                if (e == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                    i++;
                }
                int skipped = 0;
                while (i + 1 < body.length() && skipped < quoteCol + 1
                        && (body.charAt(i + 1) == ' ' || body.charAt(i + 1) == '\t')) {
                    i++;
                    skipped++;
                }
            }
            default -> throw new Bad("MalformedEscapeSequence", "Invalid escape sequence: \\" + e);
        }
        return i;
    }

    static Object character(String tok) {
        String body = tok.substring(1, tok.length() - 1);
        String s = body.indexOf('\\') >= 0 ? string("\"" + body.replace("\\'", "'") + "\"", 0) : body;
        if (s.codePointCount(0, s.length()) != 1) {
            throw new Bad("MalformedChar", "Invalid character: " + tok);
        }
        return io.picloud.rhai.impl.runtime.Values.charOf(s.codePointAt(0));
    }

    static String raw(String tok) {
        int h = 0;
        while (tok.charAt(h) == '#') {
            h++;
        }
        return tok.substring(h + 1, tok.length() - h - 1);
    }
}
