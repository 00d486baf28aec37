package io.picloud.rhai.impl.parser;

import io.picloud.rhai.impl.eval.Access;
import io.picloud.rhai.impl.eval.Assign;
import io.picloud.rhai.impl.eval.CompoundAssign;
import io.picloud.rhai.impl.eval.Const;
import io.picloud.rhai.impl.eval.Dyn;
import io.picloud.rhai.impl.eval.Import;
import io.picloud.rhai.impl.eval.Index;
import io.picloud.rhai.impl.eval.Local;
import io.picloud.rhai.impl.eval.Node;
import io.picloud.rhai.impl.eval.Operators;
import io.picloud.rhai.impl.eval.Place;
import io.picloud.rhai.impl.eval.Prop;
import io.picloud.rhai.impl.eval.This;
import io.picloud.rhai.impl.eval.Unary;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.RuleNode;

import java.util.List;
import java.util.Set;

/** Builds expression nodes: operators, unary chains, postfix chains, call arguments, assignment places. */
final class ExprBuilder extends RhaiParserBaseVisitor<Node> {
    private static final Set<String> LOGIC_OPS = Set.of("&&", "||", "==", "!=", "<", ">", "<=", ">=");

    private final AstBuilder b;
    final ControlBuilder control;
    final PrimaryBuilder primaries;

    ExprBuilder(AstBuilder b) {
        this.b = b;
        this.control = new ControlBuilder(b, this);
        this.primaries = new PrimaryBuilder(b, this);
    }

    private static int line(ParserRuleContext c) {
        return AstBuilder.line(c);
    }

    private static int col(ParserRuleContext c) {
        return AstBuilder.col(c);
    }

    /** Builds an expression where Rhai's parser calls parse_expr, which levels up once. */
    Node expr(RhaiParser.ExprContext ctx) {
        int level = b.levels.level();
        b.levels.up(ctx);
        Node n = ctx.accept(this);
        b.levels.reset(level);
        return n;
    }

    @Override
    public Node visitUnaryExpr(RhaiParser.UnaryExprContext ctx) {
        return unary(ctx.unary());
    }

    @Override
    public Node visitOpenRangeExpr(RhaiParser.OpenRangeExprContext o) {
        Node l = o.lhs.accept(this);
        return Operators.binary(o.op.getLine(), o.op.getCharPositionInLine() + 1, "..", l,
                new Const(line(o), col(o), Long.MAX_VALUE));
    }

    @Override
    public Node visitBinaryExpr(RhaiParser.BinaryExprContext c) {
        return new BinaryChain(b, this).build(c);
    }

    /** One operator applied; checks what Rhai's parser refuses about its operands. */
    Node binary(RhaiParser.BinaryExprContext c, Node l, Node r) {
        String op = c.not != null ? "!in" : c.op.getText();
        if ((op.equals("&&") || op.equals("||")) && (isNonBoolLiteral(l) || isNonBoolLiteral(r))) {
            b.error("MismatchedType", "Expecting bool operand for '" + op + "'", c);
        }
        return Operators.binary(c.op.getLine(), c.op.getCharPositionInLine() + 1, op, l, r);
    }

    private static boolean isNonBoolLiteral(Node n) {
        return n instanceof Const k && !(k.value instanceof Boolean);
    }

    Node unary(RhaiParser.UnaryContext ctx) {
        return ctx.accept(this);
    }

    @Override
    public Node visitPrefixUnary(RhaiParser.PrefixUnaryContext p) {
        int level = b.levels.level();
        b.levels.up(p.op); // parse_unary levels up for its operand, at the operator
        Node operand = unary(p.operand);
        b.levels.reset(level);
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

    @Override
    public Node visitPostfixUnary(RhaiParser.PostfixUnaryContext ctx) {
        return postfix(ctx.postfix());
    }

    /** A primary and its chain of properties, method calls and indexes. */
    Node postfix(RhaiParser.PostfixContext ctx) {
        Node primary = ctx.primary().accept(primaries);
        if (ctx.postfix_op().isEmpty()) {
            return primary;
        }
        return new PostfixChain(b, this, ctx.primary(), primary).build(ctx.postfix_op());
    }

    /** Rhai's parser refuses an index that can never be valid for the target (a literal of the wrong type). */
    void checkIndex(RhaiParser.PrimaryContext prim, RhaiParser.ExprContext idx) {
        Object v = literalValue(idx);
        boolean arrayTarget = prim instanceof RhaiParser.ArrayLitContext;
        boolean mapTarget = prim instanceof RhaiParser.MapLitContext;
        boolean logic = idx instanceof RhaiParser.BinaryExprContext be && LOGIC_OPS.contains(be.op.getText());
        if (v instanceof Double || v == Unit.UNIT || v instanceof Boolean || logic
                || (arrayTarget && (v instanceof String || Values.isChar(v)))
                || (mapTarget && (v instanceof Long || Values.isChar(v)))) {
            b.error("MalformedIndexExpr", "Invalid index expression", idx);
        }
    }

    /** The value of an expression that is a bare literal, built without reporting its errors; else null. */
    private Object literalValue(RhaiParser.ExprContext idx) {
        RhaiParser.PostfixContext p = bareChain(idx);
        if (p == null || !p.postfix_op().isEmpty() || !isLiteral(p.primary())) {
            return null;
        }
        int errs = b.errors.size();
        Node n = p.primary().accept(primaries);
        while (b.errors.size() > errs) {
            b.errors.remove(b.errors.size() - 1);
        }
        return n instanceof Const k ? k.value : null;
    }

    /** The postfix chain an expression consists of, when it has no operator; else null. */
    private static RhaiParser.PostfixContext bareChain(RhaiParser.ExprContext e) {
        if (e instanceof RhaiParser.UnaryExprContext u && u.unary() instanceof RhaiParser.PostfixUnaryContext p) {
            return p.postfix();
        }
        return null;
    }

    private static boolean isLiteral(RhaiParser.PrimaryContext p) {
        return p instanceof RhaiParser.NumberLitContext || p instanceof RhaiParser.StringLitContext
                || p instanceof RhaiParser.CharLitContext || p instanceof RhaiParser.BoolLitContext
                || p instanceof RhaiParser.UnitLitContext;
    }

    /** Call arguments; Rhai's parse_fn_call levels up (at {@code at}) before the first one. */
    Node[] args(RhaiParser.ArgsContext ctx, Token at) {
        List<RhaiParser.ExprContext> es = ctx.expr();
        int level = b.levels.level();
        if (!es.isEmpty()) {
            b.levels.up(at);
        }
        Node[] out = new Node[es.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expr(es.get(i));
        }
        b.levels.reset(level);
        return out;
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
        RhaiParser.PostfixContext pf = bareChain(lhs);
        if (pf == null) {
            b.error("AssignmentToInvalidLHS", "Invalid assignment target", lhs);
            return null;
        }
        RhaiParser.PrimaryContext prim = pf.primary();
        boolean chain = !pf.postfix_op().isEmpty();
        if (isLiteral(prim)) {
            b.error(chain ? "AssignmentToInvalidLHS" : "AssignmentToConstant", "Cannot assign to a literal", lhs);
            return null;
        }
        if (!(prim instanceof RhaiParser.VarRefContext) && !(prim instanceof RhaiParser.ParenExprContext)
                || !PostfixChain.assignable(pf.postfix_op())) {
            b.error("AssignmentToInvalidLHS", "Invalid assignment target", lhs);
            return null;
        }
        int level = b.levels.level();
        b.levels.up(lhs); // the target is a parse_expr in Rhai, as the value is
        Place place = toPlace(postfix(pf));
        b.levels.reset(level);
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
        int level = b.levels.level();
        b.levels.up(c); // parse_import, at `import`
        Node path = expr(c.path);
        b.levels.reset(level);
        String alias = c.alias == null ? null : c.alias.getText();
        return new Import(line(c), col(c), path, alias);
    }

    /** A parse-tree node no method here handles: a bug in the builders, never a script's fault. */
    @Override
    public Node visitChildren(RuleNode node) {
        throw new IllegalStateException("no expression builder for " + node.getClass().getSimpleName());
    }
}
