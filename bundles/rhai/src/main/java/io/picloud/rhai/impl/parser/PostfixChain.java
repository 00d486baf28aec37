package io.picloud.rhai.impl.parser;

import io.picloud.rhai.impl.eval.Access;
import io.picloud.rhai.impl.eval.Index;
import io.picloud.rhai.impl.eval.MethodCall;
import io.picloud.rhai.impl.eval.Node;
import io.picloud.rhai.impl.eval.OptChain;
import io.picloud.rhai.impl.eval.Place;
import io.picloud.rhai.impl.eval.Prop;
import org.antlr.v4.runtime.tree.RuleNode;

import java.util.List;

/**
 * Builds one chain of properties, method calls and indexes after a primary, link by link. Besides the node it
 * tracks the assignable place of the chain so far, which a method call gets as its by-reference receiver.
 */
final class PostfixChain extends RhaiParserBaseVisitor<Void> {
    private final AstBuilder b;
    private final ExprBuilder exprs;
    private final RhaiParser.PrimaryContext prim;
    private final Node primary;
    private Node node;
    private Place place;
    private boolean chained;

    PostfixChain(AstBuilder b, ExprBuilder exprs, RhaiParser.PrimaryContext prim, Node primary) {
        this.b = b;
        this.exprs = exprs;
        this.prim = prim;
        this.primary = primary;
        this.node = primary;
        this.place = primary instanceof Place p ? p : null;
    }

    /** Whether a chain of these links can be assigned to (no method call, no optional link). */
    static boolean assignable(List<RhaiParser.Postfix_opContext> ops) {
        for (RhaiParser.Postfix_opContext op : ops) {
            if (op instanceof RhaiParser.DotOpContext d && (d.args() != null || d.op.getType() == RhaiLexer.QDOT)
                    || op instanceof RhaiParser.IndexOpContext ix && ix.op.getType() == RhaiLexer.QLBRACK) {
                return false;
            }
        }
        return true;
    }

    Node build(List<RhaiParser.Postfix_opContext> ops) {
        for (RhaiParser.Postfix_opContext op : ops) {
            chained |= node != primary && markChained(node); // a link of this chain, not a (parenthesised) primary
            op.accept(this);
        }
        return chained ? new OptChain(node) : node;
    }

    @Override
    public Void visitDotOp(RhaiParser.DotOpContext d) {
        boolean opt = d.op.getType() == RhaiLexer.QDOT;
        String name = d.name.getText();
        if (d.bang != null) {
            b.error("MalformedCapture", "Method calls cannot capture the caller's scope", d);
        }
        int ln = AstBuilder.line(d.name);
        int cl = AstBuilder.col(d.name);
        if (d.args() != null) {
            b.unit.calls.add(name);
            int level = b.levels.level();
            b.levels.up(d.op); // the primary after the dot
            // positioned at the method's name, as Rhai's MethodCall is (errors of the call point there)
            node = new MethodCall(ln, cl, node, opt ? null : place, name, exprs.args(d.args(), d.name.getStart()), opt);
            b.levels.reset(level);
            place = null;
        } else {
            node = new Prop(ln, cl, node, name, opt); // at the name, as in Rhai
            place = place != null && !opt ? new Access.PropPlace(place, name) : null;
        }
        return null;
    }

    @Override
    public Void visitIndexOp(RhaiParser.IndexOpContext ix) {
        boolean opt = ix.op.getType() == RhaiLexer.QLBRACK;
        exprs.checkIndex(prim, ix.index);
        int level = b.levels.level();
        b.levels.up(ix.op); // parse_postfix, then parse_index_chain, level up before the index
        b.levels.up(ix.op);
        Node idx = exprs.expr(ix.index);
        b.levels.reset(level);
        // positioned at the index expression, where Rhai's chain puts index errors (idx_pos)
        node = new Index(AstBuilder.line(ix.index), AstBuilder.col(ix.index), node, idx, opt);
        place = place != null && !opt ? new Access.IndexPlace(place, idx) : null;
        return null;
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

    @Override
    public Void visitChildren(RuleNode node) {
        throw new IllegalStateException("not a postfix link: " + node.getClass().getSimpleName());
    }
}
