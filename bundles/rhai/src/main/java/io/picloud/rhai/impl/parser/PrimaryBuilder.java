package io.picloud.rhai.impl.parser;

import io.picloud.rhai.impl.analysis.Resolution;
import io.picloud.rhai.impl.analysis.Scope;
import io.picloud.rhai.impl.eval.ArrayLit;
import io.picloud.rhai.impl.eval.BangCall;
import io.picloud.rhai.impl.eval.Block;
import io.picloud.rhai.impl.eval.Break;
import io.picloud.rhai.impl.eval.Closure;
import io.picloud.rhai.impl.eval.Const;
import io.picloud.rhai.impl.eval.Continue;
import io.picloud.rhai.impl.eval.Dyn;
import io.picloud.rhai.impl.eval.Eval;
import io.picloud.rhai.impl.eval.FnCall;
import io.picloud.rhai.impl.eval.FnDef;
import io.picloud.rhai.impl.eval.GlobalConst;
import io.picloud.rhai.impl.eval.IsDefVar;
import io.picloud.rhai.impl.eval.IsShared;
import io.picloud.rhai.impl.eval.Local;
import io.picloud.rhai.impl.eval.MapLit;
import io.picloud.rhai.impl.eval.Node;
import io.picloud.rhai.impl.eval.Operators;
import io.picloud.rhai.impl.eval.Place;
import io.picloud.rhai.impl.eval.Ref;
import io.picloud.rhai.impl.eval.Return;
import io.picloud.rhai.impl.eval.Template;
import io.picloud.rhai.impl.eval.This;
import io.picloud.rhai.impl.eval.Throw;
import io.picloud.rhai.impl.runtime.Unit;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.RuleNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the primaries of expressions: literals, variables, calls, closures, jumps, statements used as values. */
final class PrimaryBuilder extends RhaiParserBaseVisitor<Node> {
    private final AstBuilder b;
    private final ExprBuilder exprs;

    PrimaryBuilder(AstBuilder b, ExprBuilder exprs) {
        this.b = b;
        this.exprs = exprs;
    }

    private static int line(ParserRuleContext c) {
        return AstBuilder.line(c);
    }

    private static int col(ParserRuleContext c) {
        return AstBuilder.col(c);
    }

    // ---- literals ----------------------------------------------------------------------------------------

    @Override
    public Node visitNumberLit(RhaiParser.NumberLitContext n) {
        try {
            return new Const(line(n), col(n), Literal.number(n.num.getText(), n.neg != null, n.num.getType()));
        } catch (Literal.Bad e) {
            b.error("BadInput", e.getMessage(), n);
            return new Const(line(n), col(n), 0L);
        }
    }

    @Override
    public Node visitTrailingDotFloat(RhaiParser.TrailingDotFloatContext n) {
        double d = Double.parseDouble(n.num.getText().replace("_", ""));
        return new Const(line(n), col(n), n.neg != null ? -d : d);
    }

    @Override
    public Node visitStringLit(RhaiParser.StringLitContext s) {
        Token t = s.STRING_LIT().getSymbol();
        try {
            return checkedString(line(s), col(s), Literal.string(t.getText(), t.getCharPositionInLine()));
        } catch (Literal.Bad e) {
            b.error("BadInput", e.getMessage(), line(s), col(s));
            return new Const(line(s), col(s), "");
        }
    }

    @Override
    public Node visitRawStringLit(RhaiParser.RawStringLitContext s) {
        return checkedString(line(s), col(s), Literal.raw(s.getText()));
    }

    @Override
    public Node visitCharLit(RhaiParser.CharLitContext c) {
        try {
            return new Const(line(c), col(c), Literal.character(c.getText()));
        } catch (Literal.Bad e) {
            b.error("BadInput", e.getMessage(), c);
            return new Const(line(c), col(c), ' ');
        }
    }

    @Override
    public Node visitBoolLit(RhaiParser.BoolLitContext c) {
        return new Const(line(c), col(c), c.getText().equals("true"));
    }

    @Override
    public Node visitUnitLit(RhaiParser.UnitLitContext c) {
        return new Const(line(c), col(c), Unit.UNIT);
    }

    private Node checkedString(int ln, int cl, String s) {
        int max = b.opts.maxStringSize();
        if (max > 0 && s.getBytes(StandardCharsets.UTF_8).length > max) {
            b.error("LiteralTooLarge", "Length of string literal too large", ln, cl);
        }
        return new Const(ln, cl, s);
    }

    @Override
    public Node visitTemplateLit(RhaiParser.TemplateLitContext t) {
        // only a string with ${...} is a primary of its own in Rhai (a plain one is a string constant)
        boolean interpolated = t.template().template_part().stream()
                .anyMatch(p -> p instanceof RhaiParser.TplInterpContext);
        return leveled(t, interpolated, () -> template(t.template()));
    }

    Node template(RhaiParser.TemplateContext t) {
        List<Node> parts = new ArrayList<>();
        for (RhaiParser.Template_partContext p : t.template_part()) {
            parts.add(p.accept(this));
        }
        if (parts.isEmpty()) {
            return new Const(line(t), col(t), "");
        }
        if (parts.size() == 1 && parts.get(0) instanceof Const k) {
            return k;
        }
        return new Template(line(t), col(t), parts.toArray(new Node[0]));
    }

    @Override
    public Node visitTplText(RhaiParser.TplTextContext tx) {
        String s = tx.getText().replace("``", "`").replace("\\${", "${");
        boolean first = tx.getParent().getChild(1) == tx; // child 0 is the opening back-tick
        if (first && s.startsWith("\r\n")) {
            s = s.substring(2);
        } else if (first && s.startsWith("\n")) {
            s = s.substring(1);
        }
        return checkedString(line(tx), col(tx), s);
    }

    @Override
    public Node visitTplDollar(RhaiParser.TplDollarContext p) {
        return new Const(line(p), col(p), "$");
    }

    @Override
    public Node visitTplInterp(RhaiParser.TplInterpContext in) {
        int level = b.levels.level();
        b.levels.up(in); // the parse_block of the interpolation
        Node n = new Block(line(in), col(in), b.stmts(in.stmts(), false));
        b.levels.reset(level);
        return n;
    }

    @Override
    public Node visitArrayLit(RhaiParser.ArrayLitContext a) {
        List<RhaiParser.ExprContext> es = a.expr();
        if (b.opts.maxArraySize() > 0 && es.size() > b.opts.maxArraySize()) {
            b.error("LiteralTooLarge", "Size of array literal too large", a);
        }
        Node[] items = new Node[es.size()];
        int level = b.levels.level();
        b.levels.up(a); // parse_primary enters parse_array_literal
        if (items.length > 0) {
            b.levels.up(a); // and that one levels up for its items
        }
        for (int i = 0; i < items.length; i++) {
            items[i] = exprs.expr(es.get(i));
        }
        b.levels.reset(level);
        return new ArrayLit(line(a), col(a), items);
    }

    @Override
    public Node visitMapLit(RhaiParser.MapLitContext m) {
        List<RhaiParser.Map_entryContext> es = m.map_entry();
        if (b.opts.maxMapSize() > 0 && es.size() > b.opts.maxMapSize()) {
            b.error("LiteralTooLarge", "Size of object map literal too large", m);
        }
        String[] keys = new String[es.size()];
        Node[] vals = new Node[es.size()];
        Set<String> seen = new HashSet<>();
        int level = b.levels.level();
        b.levels.up(m); // parse_primary enters parse_map_literal
        if (keys.length > 0) {
            b.levels.up(m); // and that one levels up for its values
        }
        for (int i = 0; i < keys.length; i++) {
            RhaiParser.Map_entryContext e = es.get(i);
            keys[i] = mapKey(e);
            if (!seen.add(keys[i])) {
                b.error("DuplicatedProperty", "Duplicated property: " + keys[i], e);
            }
            vals[i] = exprs.expr(e.value);
        }
        b.levels.reset(level);
        return new MapLit(line(m), col(m), keys, vals);
    }

    private String mapKey(RhaiParser.Map_entryContext e) {
        if (e.badKey != null) {
            Node k = template(e.badKey);
            if (k instanceof Const kc && kc.value instanceof String ks) {
                return ks;
            }
            b.error("PropertyExpected", "Expecting name of a property", e);
            return "";
        }
        return e.key.getType() == RhaiLexer.STRING_LIT ? Literal.string(e.key.getText(), 0) : e.key.getText();
    }

    @Override
    public Node visitParenExpr(RhaiParser.ParenExprContext p) {
        return leveled(p, true, () -> exprs.expr(p.expr()));
    }

    @Override
    public Node visitPrefixRange(RhaiParser.PrefixRangeContext r) {
        int ln = line(r);
        int cl = col(r);
        Node hi = r.hi == null ? new Const(ln, cl, Long.MAX_VALUE) : exprs.unary(r.hi);
        boolean incl = r.op.getType() == RhaiLexer.DOTDOTEQ && r.hi != null;
        return Operators.binary(ln, cl, incl ? "..=" : "..", new Const(ln, cl, 0L), hi);
    }

    // ---- names and calls ---------------------------------------------------------------------------------

    @Override
    public Node visitVarRef(RhaiParser.VarRefContext ctx) {
        String name = ctx.name.getText();
        int ln = line(ctx);
        int cl = col(ctx);
        if (name.equals("this")) {
            if (!b.inFunction) {
                // Rhai's parser: LexError::ImproperSymbol outside a function scope (parse_primary)
                b.error("BadInput", "'this' can only be used in functions", ctx);
            }
            return new This(ln, cl);
        }
        Scope.Var v = b.res.var(ctx);
        if (v != null) {
            return new Local(ln, cl, v.slot(), name, v.constant());
        }
        if (b.opts.strictVariables()) {
            b.error("VariableUndefined", "Undefined variable: " + name, ctx);
        }
        return new Dyn(ln, cl, name);
    }

    @Override
    public Node visitNsRef(RhaiParser.NsRefContext ns) {
        List<String> path = new ArrayList<>();
        for (RhaiParser.IdentContext i : ns.path) {
            path.add(i.getText());
        }
        String last = path.get(path.size() - 1);
        if (path.size() == 2 && path.get(0).equals("global") && ns.args() == null) {
            return new GlobalConst(line(ns), col(ns), last);
        }
        Node[] args = ns.args() == null ? null : exprs.args(ns.args(), ns.getStart());
        if (args != null) {
            b.unit.calls.add(String.join("::", path));
        }
        if (b.opts.strictVariables() && b.res.unknownModule(ns)) {
            b.error("ModuleUndefined", "Undefined module: " + path.get(0), ns);
        }
        return new Ref(line(ns), col(ns), path.subList(0, path.size() - 1), last, args);
    }

    @Override
    public Node visitCallExpr(RhaiParser.CallExprContext c) {
        String name = c.name.getText();
        Node[] args = exprs.args(c.args(), c.getStart());
        int ln = line(c);
        int cl = col(c);
        b.unit.calls.add(name);
        if (name.equals("Fn") && args.length == 1 && args[0] instanceof Const k && k.value instanceof String s) {
            b.unit.calls.add(s); // a pointer to a named function, most likely called
        }
        if (c.bang != null) {
            return new BangCall(ln, cl, name, args, b.res.site(c).visibleSlots());
        }
        Node keyword = args.length == 1 ? keywordCall(name, args[0], c) : null;
        if (keyword != null) {
            return keyword;
        }
        Place first = args.length > 0 && args[0] instanceof Place p ? p : null;
        return new FnCall(ln, cl, name, args, first);
    }

    /** The one-argument keyword functions that need the compile-time scope; null for any other call. */
    private Node keywordCall(String name, Node arg, RhaiParser.CallExprContext c) {
        int ln = line(c);
        int cl = col(c);
        switch (name) {
            case "is_def_var":
                return new IsDefVar(ln, cl, arg, b.res.site(c).visibleNames());
            case "is_shared":
                return new IsShared(ln, cl, arg instanceof Local l ? l.slot : -1);
            case "eval":
                b.blockHasEval = true;
                if (b.opts.disabledSymbols().contains("eval")) {
                    b.error("BadInput", "eval is disabled", c);
                }
                Resolution.Site site = b.res.site(c);
                return new Eval(ln, cl, arg, site.visibleSlots(), site.frameSize(), b.opts.evalEnabled(),
                        site.scriptLevel());
            default:
                return null;
        }
    }

    @Override
    public Node visitClosureExpr(RhaiParser.ClosureExprContext c) {
        if (!b.opts.allowAnonymousFn()) {
            b.error("BadInput", "Anonymous functions are not allowed", c);
        }
        List<Integer> outer = new ArrayList<>();
        // parse_anon_fn goes on with the level and the limit around it, one level up for its body statement
        FnDef fd = leveled(c, true, () -> b.closure(c, outer));
        int[] slots = outer.stream().mapToInt(Integer::intValue).toArray();
        return new Closure(line(c), col(c), fd, slots);
    }

    // ---- statements used as expressions ------------------------------------------------------------------

    @Override
    public Node visitBlockExpr(RhaiParser.BlockExprContext ctx) {
        if (!b.opts.allowStatementExpression() || b.exprOnly) {
            b.error("ExprExpected", "Statement blocks are not allowed as expressions", ctx);
        }
        return leveled(ctx, true, () -> b.block(ctx.block()));
    }

    @Override
    public Node visitIfExpr(RhaiParser.IfExprContext ctx) {
        if (!b.opts.allowIfExpression()) {
            b.error("ExprExpected", "if-expressions are not allowed", ctx);
        }
        return leveled(ctx, true, () -> ctx.if_expr().accept(exprs.control));
    }

    @Override
    public Node visitSwitchExpr(RhaiParser.SwitchExprContext ctx) {
        if (!b.opts.allowSwitchExpression()) {
            b.error("ExprExpected", "switch-expressions are not allowed", ctx);
        }
        return leveled(ctx, true, () -> ctx.switch_expr().accept(exprs.control));
    }

    @Override
    public Node visitWhileExpr(RhaiParser.WhileExprContext ctx) {
        return loopExpr(ctx, ctx.while_expr());
    }

    @Override
    public Node visitLoopExpr(RhaiParser.LoopExprContext ctx) {
        return loopExpr(ctx, ctx.loop_expr());
    }

    @Override
    public Node visitDoExpr(RhaiParser.DoExprContext ctx) {
        return loopExpr(ctx, ctx.do_expr());
    }

    @Override
    public Node visitForExpr(RhaiParser.ForExprContext ctx) {
        return loopExpr(ctx, ctx.for_expr());
    }

    private Node loopExpr(ParserRuleContext ctx, ParserRuleContext loop) {
        if (!b.opts.allowLoopExpressions() || b.exprOnly) {
            b.error("ExprExpected", "loop expressions are not allowed", ctx);
        }
        return leveled(ctx, true, () -> loop.accept(exprs.control));
    }

    /** Builds a primary that Rhai's parse_primary parses one level up (when {@code up}), at its first token. */
    private <T> T leveled(ParserRuleContext ctx, boolean up, java.util.function.Supplier<T> build) {
        int level = b.levels.level();
        if (up) {
            b.levels.up(ctx);
        }
        T n = build.get();
        b.levels.reset(level);
        return n;
    }

    // ---- jumps -------------------------------------------------------------------------------------------

    @Override
    public Node visitBreakExpr(RhaiParser.BreakExprContext c) {
        if (b.loopDepth == 0) {
            b.error("LoopBreak", "break statement should only be used inside a loop", c);
        }
        return new Break(line(c), col(c), c.value == null ? null : jumpValue(c.value));
    }

    @Override
    public Node visitContinueExpr(RhaiParser.ContinueExprContext c) {
        if (b.loopDepth == 0) {
            b.error("LoopBreak", "continue statement should only be used inside a loop", c);
        }
        return new Continue(line(c), col(c));
    }

    @Override
    public Node visitReturnExpr(RhaiParser.ReturnExprContext c) {
        return new Return(line(c), col(c), c.value == null ? null : jumpValue(c.value));
    }

    @Override
    public Node visitThrowExpr(RhaiParser.ThrowExprContext c) {
        return new Throw(line(c), col(c), c.value == null ? null : jumpValue(c.value));
    }

    /**
     * The value of break/return/throw. Rhai parses these as statements whose value is one parse_expr deeper
     * than the statement; here they are primaries of an expression statement, one level further in.
     */
    private Node jumpValue(RhaiParser.ExprContext value) {
        int level = b.levels.level();
        b.levels.reset(level - 1);
        Node n = exprs.expr(value);
        b.levels.reset(level);
        return n;
    }

    /** A parse-tree node no method here handles: a bug in the builders, never a script's fault. */
    @Override
    public Node visitChildren(RuleNode node) {
        throw new IllegalStateException("no primary builder for " + node.getClass().getSimpleName());
    }
}
