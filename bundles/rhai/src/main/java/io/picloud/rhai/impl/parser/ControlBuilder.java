package io.picloud.rhai.impl.parser;

import io.picloud.rhai.impl.eval.Const;
import io.picloud.rhai.impl.eval.For;
import io.picloud.rhai.impl.eval.If;
import io.picloud.rhai.impl.eval.Local;
import io.picloud.rhai.impl.eval.MapLit;
import io.picloud.rhai.impl.eval.Node;
import io.picloud.rhai.impl.eval.Switch;
import io.picloud.rhai.impl.eval.While;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.RuleNode;

import java.util.ArrayList;
import java.util.List;

/** Builds the statements that are also expressions: if, switch, while, loop, do, for. */
final class ControlBuilder extends RhaiParserBaseVisitor<Node> {
    private final AstBuilder b;
    private final ExprBuilder exprs;

    ControlBuilder(AstBuilder b, ExprBuilder exprs) {
        this.b = b;
        this.exprs = exprs;
    }

    private static int line(ParserRuleContext c) {
        return AstBuilder.line(c);
    }

    private static int col(ParserRuleContext c) {
        return AstBuilder.col(c);
    }

    @Override
    public Node visitIf_expr(RhaiParser.If_exprContext c) {
        int level = b.levels.level();
        b.levels.up(c); // parse_if, at `if`
        Node cond = exprs.expr(c.cond);
        if (cond instanceof Const k && !(k.value instanceof Boolean)) {
            b.error("MismatchedType", "Expecting a boolean condition", c.cond);
        }
        Node then = b.block(c.then);
        Node other = c.elseIf != null ? visitIf_expr(c.elseIf) : c.otherwise != null ? b.block(c.otherwise) : null;
        b.levels.reset(level);
        return new If(line(c), col(c), cond, then, other);
    }

    private void checkLooping(ParserRuleContext c) {
        if (!b.opts.allowLooping()) {
            b.error("Reserved", "Looping is not allowed", c);
        }
    }

    private Node loopBody(RhaiParser.BlockContext body) {
        b.loopDepth++;
        try {
            return b.block(body);
        } finally {
            b.loopDepth--;
        }
    }

    @Override
    public Node visitWhile_expr(RhaiParser.While_exprContext c) {
        return leveled(c, () -> whileLoop(c));
    }

    private Node whileLoop(RhaiParser.While_exprContext c) {
        checkLooping(c);
        Node cond = exprs.expr(c.cond);
        While w = new While(line(c), col(c), cond, loopBody(c.body), false, false);
        w.condWeight = AstBuilder.weight(c.cond);
        return w;
    }

    @Override
    public Node visitLoop_expr(RhaiParser.Loop_exprContext c) {
        return leveled(c, () -> loop(c));
    }

    private Node loop(RhaiParser.Loop_exprContext c) {
        checkLooping(c);
        return new While(line(c), col(c), null, loopBody(c.body), false, false);
    }

    @Override
    public Node visitDo_expr(RhaiParser.Do_exprContext c) {
        return leveled(c, () -> doLoop(c));
    }

    private Node doLoop(RhaiParser.Do_exprContext c) {
        checkLooping(c);
        Node body = loopBody(c.body);
        Node cond = exprs.expr(c.cond);
        return new While(line(c), col(c), cond, body, c.kind.getType() == RhaiLexer.UNTIL, true);
    }

    /** Rhai's parser refuses a literal that can never be iterated (Expr::ensure_iterable); null if it may be. */
    private static String notIterable(Node iter) {
        if (iter instanceof MapLit) {
            return "an object map";
        }
        if (!(iter instanceof Const k)) {
            return null;
        }
        Object v = k.value;
        return v == Unit.UNIT ? "()" : v instanceof Boolean ? "a boolean" : v instanceof Long ? "a number"
                : v instanceof Double ? "a floating-point number" : Values.isChar(v) ? "a character" : null;
    }

    @Override
    public Node visitFor_expr(RhaiParser.For_exprContext c) {
        return leveled(c, () -> forLoop(c));
    }

    private Node forLoop(RhaiParser.For_exprContext c) {
        checkLooping(c);
        Node iter = exprs.expr(c.iter);
        String notIterable = notIterable(iter);
        if (notIterable != null) {
            b.error("MismatchedType", "Expecting an iterable value, not " + notIterable, c.iter);
        }
        int varSlot = b.declare(c.var);
        int counter = c.counter == null ? -1 : b.declare(c.counter);
        Node body = loopBody(c.body);
        return new For(line(c), col(c), varSlot, counter, iter, body);
    }

    @Override
    public Node visitSwitch_expr(RhaiParser.Switch_exprContext c) {
        return leveled(c, () -> switchOf(c));
    }

    private Node switchOf(RhaiParser.Switch_exprContext c) {
        Node subject = exprs.expr(c.subject);
        List<Switch.Case> cases = new ArrayList<>();
        Node deflt = null;
        boolean sawRange = false;
        for (RhaiParser.Switch_caseContext sc : c.switch_case()) {
            if (deflt != null) {
                b.error("WrongSwitchDefaultCase", "Default case must be the last", sc);
            }
            Node guard = sc.guard == null ? null : exprs.expr(sc.guard);
            if (guard instanceof Const k && !(k.value instanceof Boolean)) {
                // Rhai's parser: the guard goes through ensure_bool_expr
                b.error("MismatchedType", "Expecting a boolean expression", sc.guard);
            }
            Node body = caseBody(sc.body);
            if (sc.pattern instanceof RhaiParser.DefaultPatternContext) {
                if (guard != null) {
                    b.error("WrongSwitchCaseCondition", "Default case cannot have a condition", sc);
                }
                deflt = body;
                continue;
            }
            List<Object> values = new ArrayList<>();
            List<RRange> ranges = new ArrayList<>();
            for (RhaiParser.Case_valueContext cv : ((RhaiParser.ValuePatternContext) sc.pattern).case_value()) {
                Object lo = caseConst(cv.lo);
                if (cv.range != null) {
                    Object hi = caseConst(cv.hi);
                    if (lo instanceof Long x && hi instanceof Long y) {
                        ranges.add(new RRange(x, y, cv.range.getType() == RhaiLexer.DOTDOTEQ));
                        sawRange = true;
                    } else {
                        b.error("ExprExpected", "Expecting an integer range", cv);
                    }
                } else if (lo != null) {
                    if (sawRange && (lo instanceof Long || lo instanceof Double)) {
                        b.error("WrongSwitchIntegerCase", "Numeric switch case cannot follow a range case", cv);
                    }
                    values.add(lo);
                }
            }
            cases.add(new Switch.Case(values.isEmpty() ? null : values.toArray(),
                    ranges.isEmpty() ? null : ranges.toArray(new RRange[0]), guard, body));
        }
        return new Switch(line(c), col(c), subject, cases.toArray(new Switch.Case[0]), deflt);
    }

    private Object caseConst(RhaiParser.UnaryContext u) {
        Node n = exprs.unary(u);
        if (n instanceof Const k) {
            return k.value;
        }
        if (n instanceof Local l && l.constant) {
            b.error("ExprExpected", "Switch case must be a constant literal", u);
            return null;
        }
        b.error("ExprExpected", "Switch case must be a constant literal", u);
        return null;
    }

    private Node caseBody(RhaiParser.Case_bodyContext body) {
        if (body.block_stmt() != null) {
            return b.statement(body.block_stmt(), false);
        }
        Node n = b.statement(body.simple_stmt(), false);
        return n == null ? new Const(line(body), col(body), Unit.UNIT) : n;
    }

    /** Builds a construct that Rhai's parse function for it enters one level up, at its keyword. */
    private Node leveled(ParserRuleContext c, java.util.function.Supplier<Node> build) {
        int level = b.levels.level();
        b.levels.up(c);
        Node n = build.get();
        b.levels.reset(level);
        return n;
    }

    /** A parse-tree node no method here handles: a bug in the builders, never a script's fault. */
    @Override
    public Node visitChildren(RuleNode node) {
        throw new IllegalStateException("no control-flow builder for " + node.getClass().getSimpleName());
    }
}
