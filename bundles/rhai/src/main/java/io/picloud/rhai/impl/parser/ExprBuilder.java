package io.picloud.rhai.impl.parser;

import io.picloud.rhai.impl.analysis.Scope;
import io.picloud.rhai.impl.eval.Access;
import io.picloud.rhai.impl.eval.ArrayLit;
import io.picloud.rhai.impl.eval.Assign;
import io.picloud.rhai.impl.eval.BangCall;
import io.picloud.rhai.impl.eval.Block;
import io.picloud.rhai.impl.eval.Break;
import io.picloud.rhai.impl.eval.Closure;
import io.picloud.rhai.impl.eval.CompoundAssign;
import io.picloud.rhai.impl.eval.Const;
import io.picloud.rhai.impl.eval.Continue;
import io.picloud.rhai.impl.eval.Dyn;
import io.picloud.rhai.impl.eval.Eval;
import io.picloud.rhai.impl.eval.FnCall;
import io.picloud.rhai.impl.eval.FnDef;
import io.picloud.rhai.impl.eval.GlobalConst;
import io.picloud.rhai.impl.eval.Import;
import io.picloud.rhai.impl.eval.Index;
import io.picloud.rhai.impl.eval.IsDefVar;
import io.picloud.rhai.impl.eval.IsShared;
import io.picloud.rhai.impl.eval.Local;
import io.picloud.rhai.impl.eval.MapLit;
import io.picloud.rhai.impl.eval.MethodCall;
import io.picloud.rhai.impl.eval.Node;
import io.picloud.rhai.impl.eval.Operators;
import io.picloud.rhai.impl.eval.OptChain;
import io.picloud.rhai.impl.eval.Place;
import io.picloud.rhai.impl.eval.Prop;
import io.picloud.rhai.impl.eval.Ref;
import io.picloud.rhai.impl.eval.Return;
import io.picloud.rhai.impl.eval.Template;
import io.picloud.rhai.impl.eval.This;
import io.picloud.rhai.impl.eval.Throw;
import io.picloud.rhai.impl.eval.Unary;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/** Builds expression nodes (operators, postfix chains, literals, control-flow expressions). */
final class ExprBuilder {
    private final AstBuilder b;
    private final ControlBuilder control;

    ExprBuilder(AstBuilder b) {
        this.b = b;
        this.control = new ControlBuilder(b, this);
    }

    private static int line(ParserRuleContext c) {
        return AstBuilder.line(c);
    }

    private static int col(ParserRuleContext c) {
        return AstBuilder.col(c);
    }

    private int maxDepth() {
        return b.scope.function ? b.opts.maxFunctionExprDepth() : b.opts.maxExprDepth();
    }

    Node expr(RhaiParser.ExprContext ctx) {
        b.depth++;
        try {
            if (maxDepth() > 0 && b.depth >= maxDepth()) {
                b.depth = Integer.MIN_VALUE / 2;
                b.error("ExprTooDeep", "Expression exceeds maximum complexity", ctx);
            }
            if (ctx instanceof RhaiParser.UnaryExprContext u) {
                return unary(u.unary());
            }
            if (ctx instanceof RhaiParser.OpenRangeExprContext o) {
                Node l = expr(o.lhs);
                return Operators.binary(o.op.getLine(), o.op.getCharPositionInLine() + 1, "..", l,
                        new Const(line(o), col(o), Long.MAX_VALUE));
            }
            RhaiParser.BinaryExprContext c = (RhaiParser.BinaryExprContext) ctx;
            String op = c.op.getText();
            if (c.not != null) {
                op = "!in";
            }
            Node l = expr(c.lhs);
            Node r = expr(c.rhs);
            if ((op.equals("&&") || op.equals("||")) && (isNonBoolLiteral(l) || isNonBoolLiteral(r))) {
                b.error("MismatchedType", "Expecting bool operand for '" + op + "'", c);
            }
            return Operators.binary(c.op.getLine(), c.op.getCharPositionInLine() + 1, op, l, r);
        } finally {
            b.depth--;
        }
    }

    private static boolean isNonBoolLiteral(Node n) {
        return n instanceof Const k && !(k.value instanceof Boolean);
    }

    Node unary(RhaiParser.UnaryContext ctx) {
        if (ctx instanceof RhaiParser.PrefixUnaryContext p) {
            Node operand = unary(p.operand);
            char op = p.op.getText().charAt(0);
            if (operand instanceof Const k) {
                if (op == '!' && k.value instanceof Boolean z) {
                    return new Const(line(p), col(p), !z);
                }
                if (op == '-' && k.value instanceof Double d) {
                    return new Const(line(p), col(p), -d);
                }
            }
            return new Unary(line(p), col(p), op, operand);
        }
        return postfix(((RhaiParser.PostfixUnaryContext) ctx).postfix());
    }

    /** A postfix chain; also tracks the assignable place of each prefix (for by-reference receivers). */
    Node postfix(RhaiParser.PostfixContext ctx) {
        RhaiParser.PrimaryContext prim = ctx.primary();
        Node node = primary(prim);
        Place place = node instanceof Place p ? p : null;
        boolean chained = false;
        Node primary = node;
        for (RhaiParser.Postfix_opContext op : ctx.postfix_op()) {
            chained |= node != primary && markChained(node); // a link of this chain, not a (parenthesised) primary
            int ln = op.getStart().getLine();
            int cl = op.getStart().getCharPositionInLine() + 1;
            if (op instanceof RhaiParser.DotOpContext d) {
                boolean opt = d.op.getType() == RhaiLexer.QDOT;
                String name = d.name.getText();
                if (d.bang != null) {
                    b.error("MalformedCapture", "Method calls cannot capture the caller's scope", d);
                }
                if (d.args() != null) {
                    // positioned at the method's name, as Rhai's MethodCall is (errors of the call point there)
                    node = new MethodCall(d.name.getStart().getLine(), d.name.getStart().getCharPositionInLine() + 1, node,
                            opt ? null : place, name, args(d.args()), opt);
                    place = null;
                } else {
                    node = new Prop(line(d.name), col(d.name), node, name, opt); // at the name, as in Rhai
                    place = place != null && !opt ? new Access.PropPlace(place, name) : null;
                }
            } else {
                RhaiParser.IndexOpContext ix = (RhaiParser.IndexOpContext) op;
                boolean opt = ix.op.getType() == RhaiLexer.QLBRACK;
                checkIndex(prim, node, ix.index);
                Node idx = expr(ix.index);
                // positioned at the index expression, where Rhai's chain puts index errors (idx_pos)
                node = new Index(line(ix.index), col(ix.index), node, idx, opt);
                place = place != null && !opt ? new Access.IndexPlace(place, idx) : null;
            }
        }
        return chained ? new OptChain(node) : node;
    }

    /** Marks an optional link that has more links after it; true if it was one. */
    private static boolean markChained(Node n) {
        if (n instanceof Prop p && p.optional) {
            p.chained = true;
        } else if (n instanceof Index ix && ix.optional) {
            ix.chained = true;
        } else if (n instanceof MethodCall m && m.optional) {
            m.chained = true;
        } else {
            return false;
        }
        return true;
    }

    private void checkIndex(RhaiParser.PrimaryContext prim, Node target, RhaiParser.ExprContext idx) {
        Node probe = quickLiteral(idx);
        boolean arrayTarget = prim instanceof RhaiParser.ArrayLitContext;
        boolean mapTarget = prim instanceof RhaiParser.MapLitContext;
        Object v = probe instanceof Const k ? k.value : null;
        boolean logic = idx instanceof RhaiParser.BinaryExprContext be
                && List.of("&&", "||", "==", "!=", "<", ">", "<=", ">=").contains(be.op.getText());
        if (v instanceof Double || v == Unit.UNIT || v instanceof Boolean || logic
                || (arrayTarget && (v instanceof String || io.picloud.rhai.impl.runtime.Values.isChar(v)))
                || (mapTarget && (v instanceof Long || io.picloud.rhai.impl.runtime.Values.isChar(v)))) {
            b.error("MalformedIndexExpr", "Invalid index expression", idx);
        }
    }

    private Node quickLiteral(RhaiParser.ExprContext idx) {
        if (idx instanceof RhaiParser.UnaryExprContext u && u.unary() instanceof RhaiParser.PostfixUnaryContext p
                && p.postfix().postfix_op().isEmpty()) {
            RhaiParser.PrimaryContext pr = p.postfix().primary();
            if (pr instanceof RhaiParser.NumberLitContext || pr instanceof RhaiParser.StringLitContext
                    || pr instanceof RhaiParser.CharLitContext || pr instanceof RhaiParser.BoolLitContext
                    || pr instanceof RhaiParser.UnitLitContext) {
                int errs = b.errors.size();
                Node n = primary(pr);
                while (b.errors.size() > errs) {
                    b.errors.remove(b.errors.size() - 1);
                }
                return n;
            }
        }
        return null;
    }

    Node[] args(RhaiParser.ArgsContext ctx) {
        List<RhaiParser.ExprContext> es = ctx.expr();
        Node[] out = new Node[es.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expr(es.get(i));
        }
        return out;
    }

    Node primary(RhaiParser.PrimaryContext ctx) {
        int ln = line(ctx);
        int cl = col(ctx);
        if (ctx instanceof RhaiParser.NumberLitContext n) {
            try {
                return new Const(ln, cl, Literal.number(n.num.getText(), n.neg != null, n.num.getType()));
            } catch (Literal.Bad e) {
                b.error("BadInput", e.getMessage(), ctx);
                return new Const(ln, cl, 0L);
            }
        } else if (ctx instanceof RhaiParser.TrailingDotFloatContext n) {
            double d = Double.parseDouble(n.num.getText().replace("_", ""));
            return new Const(ln, cl, n.neg != null ? -d : d);
        } else if (ctx instanceof RhaiParser.StringLitContext s) {
            return stringConst(ln, cl, s.STRING_LIT().getSymbol());
        } else if (ctx instanceof RhaiParser.RawStringLitContext s) {
            return checkedString(ln, cl, Literal.raw(s.getText()), ctx);
        } else if (ctx instanceof RhaiParser.CharLitContext c) {
            try {
                return new Const(ln, cl, Literal.character(c.getText()));
            } catch (Literal.Bad e) {
                b.error("BadInput", e.getMessage(), ctx);
                return new Const(ln, cl, ' ');
            }
        } else if (ctx instanceof RhaiParser.BoolLitContext) {
            return new Const(ln, cl, ctx.getText().equals("true"));
        } else if (ctx instanceof RhaiParser.TemplateLitContext t) {
            return template(t.template());
        } else if (ctx instanceof RhaiParser.UnitLitContext) {
            return new Const(ln, cl, Unit.UNIT);
        } else if (ctx instanceof RhaiParser.ParenExprContext p) {
            return expr(p.expr());
        } else if (ctx instanceof RhaiParser.ArrayLitContext a) {
            List<RhaiParser.ExprContext> es = a.expr();
            if (b.opts.maxArraySize() > 0 && es.size() > b.opts.maxArraySize()) {
                b.error("LiteralTooLarge", "Size of array literal too large", ctx);
            }
            Node[] items = new Node[es.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = expr(es.get(i));
            }
            return new ArrayLit(ln, cl, items);
        } else if (ctx instanceof RhaiParser.MapLitContext m) {
            return mapLit(m);
        } else if (ctx instanceof RhaiParser.NsRefContext ns) {
            return nsRef(ns);
        } else if (ctx instanceof RhaiParser.CallExprContext c) {
            return call(c);
        } else if (ctx instanceof RhaiParser.VarRefContext v) {
            return varRef(v.name.getText(), ctx);
        } else if (ctx instanceof RhaiParser.BlockExprContext be) {
            if (!b.opts.allowStatementExpression() || b.exprOnly) {
                b.error("ExprExpected", "Statement blocks are not allowed as expressions", ctx);
            }
            return b.block(be.block());
        } else if (ctx instanceof RhaiParser.IfExprContext c) {
            if (!b.opts.allowIfExpression()) {
                b.error("ExprExpected", "if-expressions are not allowed", ctx);
            }
            return ifExpr(c.if_expr());
        } else if (ctx instanceof RhaiParser.SwitchExprContext c) {
            if (!b.opts.allowSwitchExpression()) {
                b.error("ExprExpected", "switch-expressions are not allowed", ctx);
            }
            return switchExpr(c.switch_expr());
        } else if (ctx instanceof RhaiParser.WhileExprContext c) {
            loopExprCheck(ctx);
            return whileExpr(c.while_expr());
        } else if (ctx instanceof RhaiParser.LoopExprContext c) {
            loopExprCheck(ctx);
            return loopExpr(c.loop_expr());
        } else if (ctx instanceof RhaiParser.DoExprContext c) {
            loopExprCheck(ctx);
            return doExpr(c.do_expr());
        } else if (ctx instanceof RhaiParser.ForExprContext c) {
            loopExprCheck(ctx);
            return forExpr(c.for_expr());
        } else if (ctx instanceof RhaiParser.ClosureExprContext c) {
            return closure(c);
        } else if (ctx instanceof RhaiParser.PrefixRangeContext r) {
            Node hi = r.hi == null ? new Const(ln, cl, Long.MAX_VALUE) : unary(r.hi);
            boolean incl = r.op.getType() == RhaiLexer.DOTDOTEQ && r.hi != null;
            return Operators.binary(ln, cl, incl ? "..=" : "..", new Const(ln, cl, 0L), hi);
        } else if (ctx instanceof RhaiParser.BreakExprContext c) {
            if (b.scope.loopDepth == 0) {
                b.error("LoopBreak", "break statement should only be used inside a loop", ctx);
            }
            return new Break(ln, cl, c.value == null ? null : expr(c.value));
        } else if (ctx instanceof RhaiParser.ContinueExprContext) {
            if (b.scope.loopDepth == 0) {
                b.error("LoopBreak", "continue statement should only be used inside a loop", ctx);
            }
            return new Continue(ln, cl);
        } else if (ctx instanceof RhaiParser.ReturnExprContext c) {
            return new Return(ln, cl, c.value == null ? null : expr(c.value));
        } else if (ctx instanceof RhaiParser.ThrowExprContext c) {
            return new Throw(ln, cl, c.value == null ? null : expr(c.value));
        }
        throw new IllegalStateException("unknown primary " + ctx.getClass());
    }

    private void loopExprCheck(ParserRuleContext ctx) {
        if (!b.opts.allowLoopExpressions() || b.exprOnly) {
            b.error("ExprExpected", "loop expressions are not allowed", ctx);
        }
    }

    private Node stringConst(int ln, int cl, Token t) {
        try {
            return checkedString(ln, cl, Literal.string(t.getText(), t.getCharPositionInLine()), null);
        } catch (Literal.Bad e) {
            b.error("BadInput", e.getMessage(), ln, cl);
            return new Const(ln, cl, "");
        }
    }

    private Node checkedString(int ln, int cl, String s, ParserRuleContext ctx) {
        int max = b.opts.maxStringSize();
        if (max > 0 && s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > max) {
            b.error("LiteralTooLarge", "Length of string literal too large", ln, cl);
        }
        return new Const(ln, cl, s);
    }

    private Node mapLit(RhaiParser.MapLitContext m) {
        List<RhaiParser.Map_entryContext> es = m.map_entry();
        if (b.opts.maxMapSize() > 0 && es.size() > b.opts.maxMapSize()) {
            b.error("LiteralTooLarge", "Size of object map literal too large", m);
        }
        String[] keys = new String[es.size()];
        Node[] vals = new Node[es.size()];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            RhaiParser.Map_entryContext e = es.get(i);
            if (e.badKey != null) {
                Node k = template(e.badKey);
                if (k instanceof Const kc && kc.value instanceof String ks) {
                    keys[i] = ks;
                } else {
                    b.error("PropertyExpected", "Expecting name of a property", e);
                    keys[i] = "";
                }
            } else if (e.key.getType() == RhaiLexer.STRING_LIT) {
                keys[i] = Literal.string(e.key.getText(), 0);
            } else {
                keys[i] = e.key.getText();
            }
            if (!seen.add(keys[i])) {
                b.error("DuplicatedProperty", "Duplicated property: " + keys[i], e);
            }
            vals[i] = expr(e.value);
        }
        return new MapLit(line(m), col(m), keys, vals);
    }

    Node template(RhaiParser.TemplateContext t) {
        List<Node> parts = new ArrayList<>();
        boolean first = true;
        for (RhaiParser.Template_partContext p : t.template_part()) {
            if (p instanceof RhaiParser.TplTextContext tx) {
                String s = tx.getText().replace("``", "`").replace("\\${", "${");
                if (first && s.startsWith("\r\n")) {
                    s = s.substring(2);
                } else if (first && s.startsWith("\n")) {
                    s = s.substring(1);
                }
                parts.add(checkedString(line(p), col(p), s, p));
            } else if (p instanceof RhaiParser.TplDollarContext) {
                parts.add(new Const(line(p), col(p), "$"));
            } else {
                RhaiParser.TplInterpContext in = (RhaiParser.TplInterpContext) p;
                b.scope.push();
                try {
                    parts.add(new Block(line(p), col(p), b.stmts(in.stmts(), false)));
                } finally {
                    b.scope.pop();
                }
            }
            first = false;
        }
        if (parts.isEmpty()) {
            return new Const(line(t), col(t), "");
        }
        if (parts.size() == 1 && parts.get(0) instanceof Const k) {
            return k;
        }
        return new Template(line(t), col(t), parts.toArray(new Node[0]));
    }

    private boolean inFunctionOrClosure() {
        for (Scope s = b.scope; s != null; s = s.parent) {
            if (s.function || s.closure) {
                return true;
            }
        }
        return false;
    }

    Node varRef(String name, ParserRuleContext ctx) {
        int ln = line(ctx);
        int cl = col(ctx);
        if (name.equals("this")) {
            if (!inFunctionOrClosure()) {
                // Rhai's parser: LexError::ImproperSymbol outside a function scope (parse_primary)
                b.error("BadInput", "'this' can only be used in functions", ctx);
            }
            return new This(ln, cl);
        }
        Scope.Var v = b.scope.lookup(name);
        if (v != null) {
            return new Local(ln, cl, v.slot(), name, v.constant());
        }
        if (b.opts.strictVariables()) {
            b.error("VariableUndefined", "Undefined variable: " + name, ctx);
        }
        return new Dyn(ln, cl, name);
    }

    private Node nsRef(RhaiParser.NsRefContext ns) {
        List<String> path = new ArrayList<>();
        for (RhaiParser.IdentContext i : ns.path) {
            path.add(i.getText());
        }
        String last = path.get(path.size() - 1);
        if (path.size() == 2 && path.get(0).equals("global") && ns.args() == null) {
            return new GlobalConst(line(ns), col(ns), last);
        }
        Node[] args = ns.args() == null ? null : args(ns.args());
        if (b.opts.strictVariables() && !b.imported.contains(path.get(0))) {
            b.error("ModuleUndefined", "Undefined module: " + path.get(0), ns);
        }
        return new Ref(line(ns), col(ns), path.subList(0, path.size() - 1), last, args);
    }

    private Node call(RhaiParser.CallExprContext c) {
        String name = c.name.getText();
        Node[] args = args(c.args());
        int ln = line(c);
        int cl = col(c);
        if (c.bang != null) {
            return new BangCall(ln, cl, name, args, b.scope.visibleSlots());
        }
        switch (name) {
            case "is_def_var":
                if (args.length == 1) {
                    return new IsDefVar(ln, cl, args[0], b.scope.visibleNames());
                }
                break;
            case "is_shared":
                if (args.length == 1) {
                    return new IsShared(ln, cl, args[0] instanceof Local l ? l.slot : -1);
                }
                break;
            case "eval":
                if (args.length == 1) {
                    b.blockHasEval = true;
                    if (b.opts.disabledSymbols().contains("eval")) {
                        b.error("BadInput", "eval is disabled", c);
                    }
                    return new Eval(ln, cl, args[0], b.scope.visibleSlots(), b.scope.frameSize(),
                            b.opts.evalEnabled(), b.scope == b.root && b.scope.blockDepth() == 1);
                }
                break;
            default:
                break;
        }
        Place first = args.length > 0 && args[0] instanceof Place p ? p : null;
        return new FnCall(ln, cl, name, args, first);
    }

    private Node closure(RhaiParser.ClosureExprContext c) {
        if (!b.opts.allowAnonymousFn()) {
            b.error("BadInput", "Anonymous functions are not allowed", c);
        }
        List<Integer> outer = new ArrayList<>();
        int savedDepth = b.depth;
        b.depth = 0;
        FnDef fd = b.closure(c.params, c.body, c, outer);
        b.depth = savedDepth;
        int[] slots = outer.stream().mapToInt(Integer::intValue).toArray();
        return new Closure(line(c), col(c), fd, slots);
    }

    // ---- statements with expression value (built by ControlBuilder) ---------------------------------------

    Node ifExpr(RhaiParser.If_exprContext c) {
        return control.ifExpr(c);
    }

    Node whileExpr(RhaiParser.While_exprContext c) {
        return control.whileExpr(c);
    }

    Node loopExpr(RhaiParser.Loop_exprContext c) {
        return control.loopExpr(c);
    }

    Node doExpr(RhaiParser.Do_exprContext c) {
        return control.doExpr(c);
    }

    Node forExpr(RhaiParser.For_exprContext c) {
        return control.forExpr(c);
    }

    Node switchExpr(RhaiParser.Switch_exprContext c) {
        return control.switchExpr(c);
    }

    // ---- assignment and import ---------------------------------------------------------------------------

    Node assign(RhaiParser.ExprStmtContext c) {
        String op = c.op.getText();
        if (b.opts.disabledSymbols().contains(op)) {
            b.error("UnknownOperator", "Unknown operator: '" + op + "'", c.op.getStart());
        }
        Node rhs = expr(c.rhs);
        Place place = lhsPlace(c.lhs);
        if (place == null) {
            return rhs;
        }
        int ln = c.op.getStart().getLine();
        int cl = c.op.getStart().getCharPositionInLine() + 1;
        if (op.equals("=")) {
            return new Assign(ln, cl, place, rhs);
        }
        return new CompoundAssign(ln, cl, place, op.substring(0, op.length() - 1), rhs);
    }

    private Place lhsPlace(RhaiParser.ExprContext lhs) {
        if (!(lhs instanceof RhaiParser.UnaryExprContext u) || !(u.unary() instanceof RhaiParser.PostfixUnaryContext p)) {
            b.error("AssignmentToInvalidLHS", "Invalid assignment target", lhs);
            return null;
        }
        RhaiParser.PostfixContext pf = p.postfix();
        RhaiParser.PrimaryContext prim = pf.primary();
        boolean chain = !pf.postfix_op().isEmpty();
        if (prim instanceof RhaiParser.NumberLitContext || prim instanceof RhaiParser.StringLitContext
                || prim instanceof RhaiParser.BoolLitContext || prim instanceof RhaiParser.CharLitContext
                || prim instanceof RhaiParser.UnitLitContext) {
            b.error(chain ? "AssignmentToInvalidLHS" : "AssignmentToConstant", "Cannot assign to a literal", lhs);
            return null;
        }
        if (!(prim instanceof RhaiParser.VarRefContext) && !(prim instanceof RhaiParser.ParenExprContext)) {
            b.error("AssignmentToInvalidLHS", "Invalid assignment target", lhs);
            return null;
        }
        for (RhaiParser.Postfix_opContext op : pf.postfix_op()) {
            if (op instanceof RhaiParser.DotOpContext d && (d.args() != null || d.op.getType() == RhaiLexer.QDOT)) {
                b.error("AssignmentToInvalidLHS", "Invalid assignment target", lhs);
                return null;
            }
            if (op instanceof RhaiParser.IndexOpContext ix && ix.op.getType() == RhaiLexer.QLBRACK) {
                b.error("AssignmentToInvalidLHS", "Invalid assignment target", lhs);
                return null;
            }
        }
        Node n = postfix(pf);
        Place place = toPlace(n);
        if (place == null) {
            b.error("AssignmentToInvalidLHS", "Invalid assignment target", lhs);
            return null;
        }
        if (!chain && place instanceof Local l && l.constant) {
            b.error("AssignmentToConstant", "Cannot assign to constant " + l.name, lhs);
            return null;
        }
        return place;
    }

    /** The assignable place an expression node denotes, or null. */
    static Place toPlace(Node n) {
        if (n instanceof Local || n instanceof Dyn || n instanceof This) {
            return (Place) n;
        }
        if (n instanceof Prop p && !p.optional) {
            Place base = toPlace(p.target);
            return base == null ? null : new Access.PropPlace(base, p.name);
        }
        if (n instanceof Index ix && !ix.optional) {
            Place base = toPlace(ix.target);
            return base == null ? null : new Access.IndexPlace(base, ix.idx);
        }
        return null;
    }

    Node importStmt(RhaiParser.ImportStmtContext c) {
        Node path = expr(c.path);
        String alias = c.alias == null ? null : c.alias.getText();
        if (alias != null) {
            b.imported.add(alias);
        }
        return new Import(line(c), col(c), path, alias);
    }

    static String text(TerminalNode t) {
        return t.getText();
    }
}
