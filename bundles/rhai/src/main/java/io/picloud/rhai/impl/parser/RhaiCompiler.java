package io.picloud.rhai.impl.parser;

import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.impl.analysis.CompileOptions;
import io.picloud.rhai.impl.analysis.Resolution;
import io.picloud.rhai.impl.analysis.Resolver;
import io.picloud.rhai.impl.eval.ScriptUnit;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Source text to {@link ScriptUnit}: lexing, parsing, AST building; collects every error found. */
public final class RhaiCompiler {
    private static final Set<String> KEYWORDS = Set.of("let", "const", "if", "else", "switch", "do", "while", "until",
            "loop", "for", "in", "continue", "break", "return", "throw", "try", "catch", "fn", "private", "import",
            "export", "as", "true", "false");

    private final CompileOptions opts;

    public RhaiCompiler(CompileOptions opts) {
        this.opts = opts;
    }

    /** The lexer; a stray '}' at the outermost level must not underflow the mode stack. */
    static final class Lexer extends RhaiLexer {
        Lexer(String src) {
            super(CharStreams.fromString(src));
        }

        @Override
        public int popMode() {
            return _modeStack.isEmpty() ? DEFAULT_MODE : super.popMode();
        }
    }

    private static final class Collector extends BaseErrorListener {
        final List<RhaiParseException.Error> errors;

        Collector(List<RhaiParseException.Error> errors) {
            this.errors = errors;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg,
                                RecognitionException e) {
            String type = "BadInput";
            if (offending instanceof Token t) {
                type = switch (t.getType()) {
                    case Token.EOF -> "UnexpectedEOF";
                    case RhaiLexer.RESERVED_SYM -> "Reserved";
                    case RhaiLexer.UNTERMINATED_STRING -> "BadInput";
                    case RhaiLexer.IDENT -> AstBuilder.RESERVED.contains(t.getText()) ? "Reserved" : "MissingToken";
                    default -> msg.startsWith("missing") ? "MissingToken" : "BadInput";
                };
                if (t.getType() == RhaiLexer.RESERVED_SYM && t.getText().equals("===")) {
                    msg = "'===' is not a valid operator. This is not JavaScript! Should it be '=='?";
                }
            }
            errors.add(new RhaiParseException.Error(type, msg, line, col + 1));
        }
    }

    public ScriptUnit compile(String name, String source, boolean expressionOnly, Map<String, Integer> outerNames,
                              int outerFrameSize) {
        List<RhaiParseException.Error> errors = new ArrayList<>();
        ScriptUnit unit = new ScriptUnit(name);
        try {
            Lexer lexer = new Lexer(source);
            lexer.removeErrorListeners();
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            tokens.fill();
            checkTokens(tokens.getTokens(), errors);
            if (checkNesting(tokens.getTokens(), errors)) {
                throw new RhaiParseException(name, errors);
            }
            int lexErrors = errors.size();
            RhaiParser parser = new RhaiParser(tokens);
            parser.removeErrorListeners();
            parser.addErrorListener(new Collector(errors));
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            if (expressionOnly) {
                RhaiParser.Expression_onlyContext tree = parser.expression_only();
                if (errors.isEmpty()) {
                    builder(unit, errors, tree, outerNames, outerFrameSize).buildExpression(tree);
                }
            } else {
                RhaiParser.ScriptContext tree;
                try {
                    tree = parser.script();
                } catch (RuntimeException e) {
                    tree = null;
                }
                if (!errors.isEmpty() || tree == null) {
                    errors.subList(lexErrors, errors.size()).clear();
                    tokens.seek(0);
                    parser.reset();
                    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                    tree = parser.script();
                    moreSyntaxErrors(tokens.getTokens(), errors);
                }
                if (errors.isEmpty()) {
                    builder(unit, errors, tree, outerNames, outerFrameSize).buildScript(tree);
                }
            }
        } catch (StackOverflowError so) {
            errors.clear();
            errors.add(new RhaiParseException.Error("ExprTooDeep", "Expression exceeds maximum complexity", 1, 1));
        }
        if (!errors.isEmpty()) {
            throw new RhaiParseException(name, errors);
        }
        return unit;
    }

    /** Resolves the names of a parse tree (a pass of its own), then gives the result to a builder. */
    private AstBuilder builder(ScriptUnit unit, List<RhaiParseException.Error> errors, ParseTree tree,
                               Map<String, Integer> outerNames, int outerFrameSize) {
        Resolution res = new Resolver(opts, outerNames, outerFrameSize).resolve(tree);
        return new AstBuilder(opts, unit, errors, res);
    }

    /**
     * ANTLR's recovery often swallows the rest of the input after an error. To report every error, parse again
     * from the statement after the last error (the next ';'), a bounded number of times.
     */
    private void moreSyntaxErrors(List<Token> all, List<RhaiParseException.Error> errors) {
        for (int round = 0; round < 16 && !errors.isEmpty(); round++) {
            RhaiParseException.Error last = errors.get(errors.size() - 1);
            int start = -1;
            for (int i = 0; i < all.size(); i++) {
                Token t = all.get(i);
                boolean after = t.getLine() > last.line()
                        || (t.getLine() == last.line() && t.getCharPositionInLine() + 1 >= last.column());
                if (after && t.getType() == RhaiLexer.SEMI) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0 || start >= all.size() || all.get(start).getType() == Token.EOF) {
                return;
            }
            int before = errors.size();
            RhaiParser p = new RhaiParser(new CommonTokenStream(
                    new org.antlr.v4.runtime.ListTokenSource(new ArrayList<>(all.subList(start, all.size())))));
            p.removeErrorListeners();
            p.addErrorListener(new Collector(errors));
            try {
                p.script();
            } catch (RuntimeException e) {
                return;
            }
            if (errors.size() == before) {
                return;
            }
        }
    }

    /**
     * Bracket nesting deeper than the expression-depth limit cannot compile; reporting it before parsing keeps
     * pathological inputs from costing the parser (or the Java stack) anything.
     */
    private boolean checkNesting(List<Token> tokens, List<RhaiParseException.Error> errors) {
        int limit = Math.max(opts.maxExprDepth(), opts.maxFunctionExprDepth());
        if (limit <= 0) {
            limit = 4096;
        }
        int depth = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case RhaiLexer.LPAREN, RhaiLexer.LBRACK, RhaiLexer.QLBRACK, RhaiLexer.LBRACE, RhaiLexer.MAP_START,
                     RhaiLexer.TPL_INTERP -> {
                    if (++depth > limit) {
                        errors.add(new RhaiParseException.Error("ExprTooDeep", "Expression exceeds maximum complexity",
                                t.getLine(), t.getCharPositionInLine() + 1));
                        return true;
                    }
                }
                case RhaiLexer.RPAREN, RhaiLexer.RBRACK, RhaiLexer.RBRACE -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
        }
        return false;
    }

    private void checkTokens(List<Token> tokens, List<RhaiParseException.Error> errors) {
        Token prev = null;
        for (Token t : tokens) {
            String text = t.getText();
            int type = t.getType();
            int line = t.getLine();
            int col = t.getCharPositionInLine() + 1;
            if (type == RhaiLexer.UNTERMINATED_STRING) {
                errors.add(new RhaiParseException.Error("BadInput", "Unterminated string", line, col));
            } else if (type == RhaiLexer.ERROR_CHAR) {
                errors.add(new RhaiParseException.Error("BadInput", "Unexpected '" + text + "'", line, col));
            } else if (type == RhaiLexer.IDENT && text.startsWith("_") && !text.equals("_")) {
                String rest = text.replaceFirst("^_+", "");
                if (rest.isEmpty() || !Character.isLetter(rest.charAt(0))) {
                    errors.add(new RhaiParseException.Error("BadInput", "Variable name is not proper: " + text, line, col));
                }
            }
            if (!opts.disabledSymbols().isEmpty() && opts.disabledSymbols().contains(text) && !text.equals("eval")) {
                boolean afterOperand = prev != null && (prev.getType() == RhaiLexer.IDENT
                        || prev.getType() == RhaiLexer.INT_LIT || prev.getType() == RhaiLexer.RPAREN
                        || prev.getType() == RhaiLexer.RBRACK || prev.getType() == RhaiLexer.STRING_LIT);
                boolean keyword = KEYWORDS.contains(text) || Character.isLetter(text.charAt(0));
                if (keyword || !afterOperand) {
                    errors.add(new RhaiParseException.Error("Reserved", "'" + text + "' is a reserved symbol", line, col));
                } else {
                    errors.add(new RhaiParseException.Error("UnknownOperator", "Unknown operator: '" + text + "'", line, col));
                }
            }
            prev = t;
        }
    }
}
