package io.picloud.rhai.impl;

import io.picloud.rhai.StaticImport;
import io.picloud.rhai.impl.parser.RhaiLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code import "literal"} in a source with the lexer alone (comments and strings cannot fool it), for
 * checks before anything runs, such as "is every imported module deployed". Paths built at run time are not seen.
 */
final class ImportScanner {
    private ImportScanner() {
    }

    static List<StaticImport> scan(String source) {
        RhaiLexer lexer = new RhaiLexer(CharStreams.fromString(source));
        lexer.removeErrorListeners();
        List<StaticImport> out = new ArrayList<>();
        boolean afterImport = false;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (afterImport && t.getType() == RhaiLexer.STRING_LIT && !t.getText().contains("\\")) {
                String text = t.getText();
                out.add(new StaticImport(text.substring(1, text.length() - 1), t.getLine(),
                        t.getCharPositionInLine() + 1));
            }
            afterImport = t.getType() == RhaiLexer.IMPORT;
        }
        return out;
    }
}
