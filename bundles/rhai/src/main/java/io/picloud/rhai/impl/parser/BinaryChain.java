package io.picloud.rhai.impl.parser;

import io.picloud.rhai.impl.eval.Node;
import org.antlr.v4.runtime.Token;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds a chain of binary operators with the levels Rhai's parse_binary_op gives them. Rhai parses the
 * operators of a chain in one loop that levels up after each operator, so the k-th operand of {@code a+b+c}
 * sits k levels deeper than the first; an operand that binds tighter than its operator (the right side of
 * {@code a + b*c}, of {@code a ** b ** c}) is a nested loop, one level up. The parse tree gives the same
 * grouping: its left spine is one loop, a binary right operand a nested one.
 */
final class BinaryChain {
    private final ExprLevels levels;
    private final ExprBuilder exprs;

    BinaryChain(AstBuilder b, ExprBuilder exprs) {
        this.levels = b.levels;
        this.exprs = exprs;
    }

    /** Builds the chain rooted at {@code root}, at the level of its first operand. */
    Node build(RhaiParser.BinaryExprContext root) {
        int first = levels.level();
        Node n = chain(root, first, null);
        levels.reset(first);
        return n;
    }

    /**
     * @param first the level of the leftmost operand
     * @param nestedAt for a nested loop, the position Rhai's settings hold when it levels up to enter it
     */
    private Node chain(RhaiParser.BinaryExprContext node, int first, Token nestedAt) {
        Deque<RhaiParser.BinaryExprContext> ops = new ArrayDeque<>();
        RhaiParser.ExprContext leftmost = node;
        while (leftmost instanceof RhaiParser.BinaryExprContext op) {
            ops.push(op);
            leftmost = op.lhs;
        }
        levels.reset(first);
        Node acc = leftmost.accept(exprs);
        int loop = first;
        if (nestedAt != null) {
            levels.reset(first);
            levels.up(nestedAt);
            loop = first + 1;
        }
        Token pos = leftmost.getStart();
        for (RhaiParser.BinaryExprContext op : ops) {
            Node rhs;
            if (op.rhs instanceof RhaiParser.BinaryExprContext tighter) {
                rhs = chain(tighter, loop, pos);
            } else {
                levels.reset(loop);
                rhs = op.rhs.accept(exprs);
            }
            levels.reset(loop);
            levels.up(pos);
            loop++;
            pos = op.op;
            acc = exprs.binary(op, acc, rhs);
        }
        return acc;
    }
}
