package io.picloud.rhai.impl.parser;

import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.impl.analysis.CompileOptions;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds executable nodes from the parse tree: statements and declarations. Resolves variables to frame
 * slots through {@link Scope} and reports semantic errors with Rhai's ParseErrorType names.
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
    Scope scope;
    final Scope root;
    int anon;
    int depth;
    final ExprBuilder exprs;
    final Set<String> imported = new java.util.HashSet<>();
    boolean exprOnly;
    boolean blockHasEval;
    /** Whether the statement being built sits directly in the script (see {@link #statement}). */
    private boolean topLevel;

    public AstBuilder(CompileOptions opts, ScriptUnit unit, List<RhaiParseException.Error> errors,
                      Map<String, Integer> outerNames, int outerFrameSize) {
        this.opts = opts;
        this.unit = unit;
        this.errors = errors;
        this.root = new Scope(null, false, false);
        this.scope = root;
        if (outerNames != null) {
            outerNames.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(e -> root.declareAt(e.getKey(), e.getValue()));
            root.reserve(outerFrameSize);
        }
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
        unit.mainFrameSize = root.frameSize();
        unit.topLevelNames = root.visibleSlots();
    }

    public void buildExpression(RhaiParser.Expression_onlyContext ctx) {
        exprOnly = true;
        Node e = exprs.expr(ctx.expr());
        unit.main = new Block(1, 1, new Node[] {e});
        unit.mainFrameSize = root.frameSize();
        unit.topLevelNames = root.visibleSlots();
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
        this.topLevel = topLevel;
        try {
            return ctx.accept(this);
        } finally {
            this.topLevel = saved;
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

    Node block(RhaiParser.BlockContext ctx) {
        scope.push();
        boolean outerHasEval = blockHasEval;
        blockHasEval = false;
        try {
            List<Integer> w = new ArrayList<>();
            Node[] body = stmts(ctx.stmts(), false, w);
            Block blk = new Block(line(ctx), col(ctx), body,
                    w.stream().mapToInt(Integer::intValue).toArray());
            blk.evalScope = blockHasEval;
            return blk;
        } finally {
            blockHasEval = outerHasEval;
            scope.pop();
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
        Node body = block(c.body);
        scope.push();
        try {
            int slot = -1;
            if (c.err != null) {
                slot = declare(c.err.getText(), false, c.err).slot();
            }
            Node handler = block(c.handler);
            return new Try(line(c), col(c), body, slot, handler);
        } finally {
            scope.pop();
        }
    }

    Scope.Var declare(String name, boolean constant, ParserRuleContext at) {
        checkName(name, at);
        if (!opts.allowShadowing() && scope.lookup(name) != null) {
            error("VariableExists", "Variable already defined: " + name, at);
        }
        return scope.declare(name, constant);
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
        return let(ctx.name, ctx.value, false, false, ctx);
    }

    @Override
    public Node visitConstStmt(RhaiParser.ConstStmtContext ctx) {
        return let(ctx.name, ctx.value, true, false, ctx);
    }

    @Override
    public Node visitExportLetStmt(RhaiParser.ExportLetStmtContext ctx) {
        checkExport(ctx);
        return let(ctx.name, ctx.value, false, true, ctx);
    }

    @Override
    public Node visitExportConstStmt(RhaiParser.ExportConstStmtContext ctx) {
        checkExport(ctx);
        return let(ctx.name, ctx.value, true, true, ctx);
    }

    @Override
    public Node visitExportStmt(RhaiParser.ExportStmtContext ctx) {
        checkExport(ctx);
        for (RhaiParser.Export_itemContext it : ctx.export_item()) {
            Scope.Var v = scope.lookup(it.name.getText());
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
        if (!topLevel || scope != root) {
            error("WrongExport", "Export statement can only appear at global level", ctx);
        }
    }

    private Node let(RhaiParser.IdentContext name, RhaiParser.ExprContext value, boolean constant, boolean export,
                     ParserRuleContext ctx) {
        Node init = value == null ? null : exprs.expr(value);
        Scope.Var v = declare(name.getText(), constant, name);
        if (export) {
            unit.exports.put(name.getText(), v.slot());
        }
        String globalName = constant && scope == root ? name.getText() : null;
        if (constant && init instanceof Const) {
            // constant folding of simple constants is left to the JIT
        }
        return new Let(line(ctx), col(ctx), v.slot(), init, globalName, scope.visibleCount);
    }

    // ---- functions ---------------------------------------------------------------------------------------

    private void fnDef(RhaiParser.Fn_defContext c) {
        String name = c.name.getText();
        if (!topLevel || scope != root) {
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
        Scope saved = scope;
        int savedDepth = depth;
        scope = new Scope(null, false, true);
        depth = 0;
        try {
            Set<String> seen = new java.util.HashSet<>();
            for (RhaiParser.IdentContext p : c.params) {
                if (!seen.add(p.getText())) {
                    error("FnDuplicatedParam", "Duplicated parameter " + p.getText() + " in function " + name, p);
                }
                checkName(p.getText(), p);
                scope.declare(p.getText(), false);
            }
            scope.push();
            Node[] body = stmts(c.body.stmts(), false);
            scope.pop();
            fd.body = new Block(line(c.body), col(c.body), body);
            fd.frameSize = scope.frameSize();
        } finally {
            scope = saved;
            depth = savedDepth;
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
    FnDef closure(List<RhaiParser.IdentContext> params, RhaiParser.Simple_stmtContext body, ParserRuleContext at,
                  List<Integer> captureOuterSlots) {
        String name = "anon$" + Integer.toHexString(unit.name.hashCode() & 0xfffff) + "_" + (anon++);
        Scope saved = scope;
        scope = new Scope(saved, true, true);
        try {
            Set<String> seen = new java.util.HashSet<>();
            int[] paramSlots = new int[params.size()];
            for (int i = 0; i < params.size(); i++) {
                RhaiParser.IdentContext p = params.get(i);
                if (!seen.add(p.getText())) {
                    error("FnDuplicatedParam", "Duplicated parameter " + p.getText(), p);
                }
                paramSlots[i] = scope.declare(p.getText(), false).slot();
            }
            scope.push();
            Node b = statement(body, false);
            if (b == null) {
                b = new Const(line(at), col(at), Unit.UNIT);
            }
            scope.pop();
            int n = scope.captures.size();
            FnDef fd = new FnDef(name, n + params.size(), true, null, line(at), col(at));
            fd.body = b;
            fd.frameSize = scope.frameSize();
            fd.argSlots = new int[n + params.size()];
            for (int i = 0; i < n; i++) {
                fd.argSlots[i] = scope.captures.get(i).innerSlot();
                captureOuterSlots.add(scope.captures.get(i).outerSlot());
            }
            System.arraycopy(paramSlots, 0, fd.argSlots, n, paramSlots.length);
            unit.functions.put(ScriptUnit.key(name, fd.arity), fd);
            return fd;
        } finally {
            scope = saved;
        }
    }

    static Object unit() {
        return Unit.UNIT;
    }
}
