package io.picloud.rhai.impl.parser;

import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.impl.analysis.CompileOptions;
import io.picloud.rhai.impl.analysis.Resolution;
import io.picloud.rhai.impl.analysis.Resolver;
import io.picloud.rhai.impl.analysis.Scope;
import io.picloud.rhai.impl.eval.Block;
import io.picloud.rhai.impl.eval.Const;
import io.picloud.rhai.impl.eval.FnDef;
import io.picloud.rhai.impl.eval.Let;
import io.picloud.rhai.impl.eval.Node;
import io.picloud.rhai.impl.eval.ScriptUnit;
import io.picloud.rhai.impl.eval.Try;
import io.picloud.rhai.impl.runtime.Unit;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.RuleNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds executable nodes from the parse tree: statements and declarations. Variables get the frame slots the
 * {@link Resolver} gave them; semantic errors are reported with Rhai's ParseErrorType names.
 */
public final class AstBuilder extends RhaiParserBaseVisitor<Node> {
    static final Set<String> RESERVED = Set.of("use", "case", "async", "await", "public", "protected", "package",
            "super", "var", "static", "shared", "sync", "spawn", "thread", "yield", "new", "match", "module",
            "default", "void", "null", "nil", "is", "with", "go", "goto");
    static final Set<String> KEYWORD_FNS = Set.of("print", "debug", "type_of", "eval", "Fn", "call", "curry",
            "is_shared", "is_def_fn", "is_def_var");

    final CompileOptions opts;
    final ScriptUnit unit;
    final List<RhaiParseException.Error> errors;
    /** Slots, captures and scopes, found by the {@link Resolver} before building. */
    final Resolution res;
    int anon;
    /** The expression-depth limit, counted as Rhai counts it. */
    final ExprLevels levels;
    /** Whether the code being built is a function's or a closure's body (else the script's). */
    boolean inFunction;
    /** The loops around the code being built, within its function. */
    int loopDepth;
    final ExprBuilder exprs;
    boolean exprOnly;
    boolean blockHasEval;
    /** Whether the statement being built sits directly in the script (see {@link #statement}). */
    private boolean topLevel;

    public AstBuilder(CompileOptions opts, ScriptUnit unit, List<RhaiParseException.Error> errors, Resolution res) {
        this.opts = opts;
        this.unit = unit;
        this.errors = errors;
        this.res = res;
        this.levels = new ExprLevels(this, opts.maxExprDepth());
        this.exprs = new ExprBuilder(this);
    }

    void error(String type, String msg, int line, int col) {
        errors.add(new RhaiParseException.Error(type, msg, line, col));
    }

    void error(String type, String msg, ParserRuleContext ctx) {
        Token t = ctx.getStart();
        error(type, msg, t.getLine(), t.getCharPositionInLine() + 1);
    }

    void error(String type, String msg, Token t) {
        error(type, msg, t.getLine(), t.getCharPositionInLine() + 1);
    }

    static int line(ParserRuleContext c) {
        return c.getStart().getLine();
    }

    static int col(ParserRuleContext c) {
        return c.getStart().getCharPositionInLine() + 1;
    }

    // ---- script ------------------------------------------------------------------------------------------

    public void buildScript(RhaiParser.ScriptContext ctx) {
        List<Integer> w = new ArrayList<>();
        Node[] body = stmts(ctx.stmts(), true, w);
        unit.main = new Block(1, 1, body, w.stream().mapToInt(Integer::intValue).toArray());
        unit.mainFrameSize = res.mainFrameSize();
        unit.topLevelNames = res.topLevelNames();
    }

    public void buildExpression(RhaiParser.Expression_onlyContext ctx) {
        exprOnly = true;
        Node e = exprs.expr(ctx.expr());
        unit.main = new Block(1, 1, new Node[] {e});
        unit.mainFrameSize = res.mainFrameSize();
        unit.topLevelNames = res.topLevelNames();
    }

    /** Statements with their operation weights (filled into {@code weights}). */
    Node[] stmts(RhaiParser.StmtsContext ctx, boolean topLevel) {
        return stmts(ctx, topLevel, new ArrayList<>());
    }

    Node[] stmts(RhaiParser.StmtsContext ctx, boolean topLevel, List<Integer> weights) {
        List<Node> out = new ArrayList<>();
        for (RhaiParser.Stmt_itemContext item : ctx.stmt_item()) {
            add(statement(item, topLevel), item, out, weights);
        }
        if (ctx.last != null) {
            add(statement(ctx.last, topLevel), ctx.last, out, weights);
        }
        return out.toArray(new Node[0]);
    }

    private static void add(Node n, ParserRuleContext at, List<Node> out, List<Integer> weights) {
        if (n != null) {
            out.add(n);
            weights.add(weight(at));
        }
    }

    /**
     * Builds one statement; {@code topLevel} says whether it sits directly in the script (where functions and
     * exports may be), and holds for this statement only, not for the statements nested in it.
     */
    Node statement(ParserRuleContext ctx, boolean topLevel) {
        boolean saved = this.topLevel;
        int level = levels.level();
        this.topLevel = topLevel;
        try {
            int first = ctx.getStart().getType();
            // Rhai's parse_stmt levels up for every statement but `;` and a function definition
            if (first != RhaiLexer.SEMI && first != RhaiLexer.FN && first != RhaiLexer.PRIVATE) {
                levels.up(ctx);
            }
            return ctx.accept(this);
        } finally {
            this.topLevel = saved;
            levels.reset(level);
        }
    }

    @Override
    public Node visitBlockItem(RhaiParser.BlockItemContext ctx) {
        return ctx.block_stmt().accept(this);
    }

    @Override
    public Node visitSimpleItem(RhaiParser.SimpleItemContext ctx) {
        return ctx.simple_stmt().accept(this);
    }

    @Override
    public Node visitEmptyItem(RhaiParser.EmptyItemContext ctx) {
        return null;
    }

    /** Rhai counts one operation per statement and per expression node; blocks count their own. */
    static int weight(org.antlr.v4.runtime.tree.ParseTree t) {
        int n = t instanceof RhaiParser.Stmt_itemContext || t instanceof RhaiParser.Simple_stmtContext ? 1 : 0;
        if (t instanceof RhaiParser.PrimaryContext || t instanceof RhaiParser.BinaryExprContext
                || t instanceof RhaiParser.Postfix_opContext) {
            n++;
        }
        for (int i = 0; i < t.getChildCount(); i++) {
            org.antlr.v4.runtime.tree.ParseTree c = t.getChild(i);
            if (c instanceof RhaiParser.BlockContext || c instanceof RhaiParser.Fn_defContext
                    || c instanceof RhaiParser.ClosureExprContext) {
                continue;
            }
            n += weight(c);
        }
        return Math.max(1, n);
    }

    /** A braced block; Rhai's parse_block levels up at its brace. */
    Node block(RhaiParser.BlockContext ctx) {
        boolean outerHasEval = blockHasEval;
        int level = levels.level();
        blockHasEval = false;
        levels.up(ctx);
        try {
            List<Integer> w = new ArrayList<>();
            Node[] body = stmts(ctx.stmts(), false, w);
            Block blk = new Block(line(ctx), col(ctx), body,
                    w.stream().mapToInt(Integer::intValue).toArray());
            blk.evalScope = blockHasEval;
            return blk;
        } finally {
            blockHasEval = outerHasEval;
            levels.reset(level);
        }
    }

    @Override
    public Node visitFnDefStmt(RhaiParser.FnDefStmtContext ctx) {
        fnDef(ctx.fn_def());
        return null;
    }

    @Override
    public Node visitIfStmt(RhaiParser.IfStmtContext ctx) {
        return ctx.if_expr().accept(exprs.control);
    }

    @Override
    public Node visitSwitchStmt(RhaiParser.SwitchStmtContext ctx) {
        return ctx.switch_expr().accept(exprs.control);
    }

    @Override
    public Node visitWhileStmt(RhaiParser.WhileStmtContext ctx) {
        return ctx.while_expr().accept(exprs.control);
    }

    @Override
    public Node visitLoopStmt(RhaiParser.LoopStmtContext ctx) {
        return ctx.loop_expr().accept(exprs.control);
    }

    @Override
    public Node visitDoStmt(RhaiParser.DoStmtContext ctx) {
        return ctx.do_expr().accept(exprs.control);
    }

    @Override
    public Node visitForStmt(RhaiParser.ForStmtContext ctx) {
        return ctx.for_expr().accept(exprs.control);
    }

    @Override
    public Node visitBlockStmt(RhaiParser.BlockStmtContext ctx) {
        return block(ctx.block());
    }

    @Override
    public Node visitTryStmt(RhaiParser.TryStmtContext ctx) {
        RhaiParser.Try_stmtContext c = ctx.try_stmt();
        int level = levels.level();
        levels.up(c); // parse_try_catch, at `try`
        Node body = block(c.body);
        int slot = c.err == null ? -1 : declare(c.err);
        Node handler = block(c.handler);
        levels.reset(level);
        return new Try(line(c), col(c), body, slot, handler);
    }

    /** Checks a declared variable's name; returns the slot the resolver gave it. */
    int declare(RhaiParser.IdentContext name) {
        checkName(name.getText(), name);
        if (res.redeclares(name)) {
            error("VariableExists", "Variable already defined: " + name.getText(), name);
        }
        return res.var(name).slot();
    }

    void checkName(String name, ParserRuleContext at) {
        if (RESERVED.contains(name) || KEYWORD_FNS.contains(name) || name.equals("this")) {
            error("Reserved", "'" + name + "' is a reserved keyword", at);
        } else if (name.startsWith("_") && (name.length() == 1 || !Character.isLetter(firstNonUnderscore(name)))) {
            error("BadInput", "Variable name is not proper: " + name, at);
        }
    }

    private static char firstNonUnderscore(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '_') {
                return s.charAt(i);
            }
        }
        return '_';
    }

    @Override
    public Node visitLetStmt(RhaiParser.LetStmtContext ctx) {
        return let(ctx.name, ctx.value, false, false, ctx, ctx.getStart());
    }

    @Override
    public Node visitConstStmt(RhaiParser.ConstStmtContext ctx) {
        return let(ctx.name, ctx.value, true, false, ctx, ctx.getStart());
    }

    @Override
    public Node visitExportLetStmt(RhaiParser.ExportLetStmtContext ctx) {
        checkExport(ctx);
        return exported(() -> let(ctx.name, ctx.value, false, true, ctx, ctx.LET().getSymbol()), ctx);
    }

    @Override
    public Node visitExportConstStmt(RhaiParser.ExportConstStmtContext ctx) {
        checkExport(ctx);
        return exported(() -> let(ctx.name, ctx.value, true, true, ctx, ctx.CONST().getSymbol()), ctx);
    }

    @Override
    public Node visitExportStmt(RhaiParser.ExportStmtContext ctx) {
        checkExport(ctx);
        for (RhaiParser.Export_itemContext it : ctx.export_item()) {
            Scope.Var v = res.var(it);
            if (v == null) {
                error("VariableUndefined", "Undefined variable: " + it.name.getText(), it);
            } else {
                unit.exports.put(it.alias != null ? it.alias.getText() : it.name.getText(), v.slot());
            }
        }
        return null;
    }

    @Override
    public Node visitImportStmt(RhaiParser.ImportStmtContext ctx) {
        return exprs.importStmt(ctx);
    }

    @Override
    public Node visitExprStmt(RhaiParser.ExprStmtContext ctx) {
        return ctx.op == null ? exprs.expr(ctx.lhs) : exprs.assign(ctx);
    }

    /** A parse-tree node no statement method handles: a bug in the builders, never a script's fault. */
    @Override
    public Node visitChildren(RuleNode node) {
        throw new IllegalStateException("no statement builder for " + node.getClass().getSimpleName());
    }

    private void checkExport(ParserRuleContext ctx) {
        if (!topLevel) {
            error("WrongExport", "Export statement can only appear at global level", ctx);
        }
    }

    /** Rhai's parse_export levels up once more before its parse_let. */
    private Node exported(java.util.function.Supplier<Node> let, ParserRuleContext ctx) {
        int level = levels.level();
        levels.up(ctx);
        Node n = let.get();
        levels.reset(level);
        return n;
    }

    private Node let(RhaiParser.IdentContext name, RhaiParser.ExprContext value, boolean constant, boolean export,
                     ParserRuleContext ctx, Token letToken) {
        int level = levels.level();
        levels.up(letToken); // parse_let levels up for its value, at `let`
        Node init = value == null ? null : exprs.expr(value);
        levels.reset(level);
        int slot = declare(name);
        if (export) {
            unit.exports.put(name.getText(), slot);
        }
        // a script-level constant is also seen by functions, as global::NAME
        String globalName = constant && !inFunction ? name.getText() : null;
        return new Let(line(ctx), col(ctx), slot, init, globalName, res.visibleCountAfter(ctx));
    }

    // ---- functions ---------------------------------------------------------------------------------------

    private void fnDef(RhaiParser.Fn_defContext c) {
        String name = c.name.getText();
        if (!topLevel) {
            error("WrongFnDefinition", "Function definitions must be at global level", c);
            return;
        }
        checkName(name, c.name);
        int arity = c.params.size();
        String thisType = null;
        if (c.recv != null) {
            String r = c.recv.getText();
            if (r.startsWith("\"")) {
                r = r.substring(1, r.length() - 1);
            }
            thisType = switch (r) {
                case "int" -> "i64";
                case "float" -> "f64";
                default -> r;
            };
        }
        String key = ScriptUnit.key(name, arity) + (thisType == null ? "" : "#" + thisType);
        if (unit.functions.containsKey(key)) {
            error("FnDuplicatedDefinition", "Function already defined: " + name + " with " + arity + " parameters", c);
            return;
        }
        if (opts.maxFunctions() > 0 && countNamedFunctions() >= opts.maxFunctions()) {
            error("TooManyFunctions", "Too many functions", c);
            return;
        }
        FnDef fd = new FnDef(name, arity, c.PRIVATE() != null, thisType, line(c), col(c));
        unit.functions.put(key, fd);
        Set<String> seen = new HashSet<>();
        for (RhaiParser.IdentContext p : c.params) {
            if (!seen.add(p.getText())) {
                error("FnDuplicatedParam", "Duplicated parameter " + p.getText() + " in function " + name, p);
            }
            checkName(p.getText(), p);
        }
        boolean savedIn = inFunction;
        int savedLoops = loopDepth;
        ExprLevels.Outside outside = levels.enterFunction(opts.maxFunctionExprDepth());
        inFunction = true;
        loopDepth = 0;
        try {
            levels.up(c); // parse_fn
            levels.up(c.body); // parse_block of the body
            fd.body = new Block(line(c.body), col(c.body), stmts(c.body.stmts(), false));
            fd.frameSize = res.frame(c).size();
        } finally {
            levels.leaveFunction(outside);
            inFunction = savedIn;
            loopDepth = savedLoops;
        }
    }

    private int countNamedFunctions() {
        int n = 0;
        for (FnDef f : unit.functions.values()) {
            if (!f.isAnonymous()) {
                n++;
            }
        }
        return n;
    }

    /** Compiles a closure body into a hidden function; returns it with the outer slots it captures. */
    FnDef closure(RhaiParser.ClosureExprContext c, List<Integer> captureOuterSlots) {
        String name = "anon$" + Integer.toHexString(unit.name.hashCode() & 0xfffff) + "_" + (anon++);
        Set<String> seen = new HashSet<>();
        for (RhaiParser.IdentContext p : c.params) {
            if (!seen.add(p.getText())) {
                error("FnDuplicatedParam", "Duplicated parameter " + p.getText(), p);
            }
        }
        boolean savedIn = inFunction;
        int savedLoops = loopDepth;
        inFunction = true;
        loopDepth = 0;
        Node b;
        try {
            b = statement(c.body, false);
        } finally {
            inFunction = savedIn;
            loopDepth = savedLoops;
        }
        if (b == null) {
            b = new Const(line(c), col(c), Unit.UNIT);
        }
        Resolution.Frame frame = res.frame(c);
        int n = frame.captures().size();
        int[] params = frame.paramSlots();
        FnDef fd = new FnDef(name, n + params.length, true, null, line(c), col(c));
        fd.body = b;
        fd.frameSize = frame.size();
        fd.argSlots = new int[n + params.length];
        for (int i = 0; i < n; i++) {
            fd.argSlots[i] = frame.captures().get(i).innerSlot();
            captureOuterSlots.add(frame.captures().get(i).outerSlot());
        }
        System.arraycopy(params, 0, fd.argSlots, n, params.length);
        unit.functions.put(ScriptUnit.key(name, fd.arity), fd);
        return fd;
    }
}
