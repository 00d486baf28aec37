package io.picloud.rhai.impl.analysis;

import io.picloud.rhai.impl.parser.RhaiParser;
import io.picloud.rhai.impl.parser.RhaiParserBaseVisitor;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.RuleNode;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Name resolution, the pass between parsing and building: walks the parse tree with block-structured
 * {@link Scope}s, gives every variable a frame slot, records what closures capture, and leaves it all in a
 * {@link Resolution}. It walks in the order the builders build (a {@code let}'s value before its name, an
 * assignment's value before its target, a switch case's body before its values), so the slots and the
 * snapshots taken for {@code eval} are the ones evaluation expects. It reports nothing: the builders turn what
 * it found into errors, in their order.
 */
public final class Resolver extends RhaiParserBaseVisitor<Void> {
    private final Resolution res = new Resolution();
    private final boolean allowShadowing;
    private final Scope root = new Scope(null, false);
    private Scope scope = root;
    private final Set<String> imported = new HashSet<>();

    /**
     * @param outerNames the caller's variables and their slots when compiling for {@code eval}, else null
     * @param outerFrameSize the caller's frame size; new slots start after it
     */
    public Resolver(CompileOptions opts, Map<String, Integer> outerNames, int outerFrameSize) {
        this.allowShadowing = opts.allowShadowing();
        if (outerNames != null) {
            outerNames.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(e -> root.declareAt(e.getKey(), e.getValue()));
            root.reserve(outerFrameSize);
        }
    }

    /** Resolves a whole script or a lone expression. */
    public Resolution resolve(ParseTree tree) {
        tree.accept(this);
        res.mainFrameSize = root.frameSize();
        res.topLevelNames = root.visibleSlots();
        return res;
    }

    private void declare(RhaiParser.IdentContext name, boolean constant) {
        if (!allowShadowing && scope.lookup(name.getText()) != null) {
            res.redeclared(name);
        }
        res.put(name, scope.declare(name.getText(), constant));
    }

    /** Only rules can hold names: tokens are not visited (this pass runs on every compile). */
    @Override
    public Void visitChildren(RuleNode node) {
        List<ParseTree> children = ((ParserRuleContext) node).children;
        if (children != null) {
            for (ParseTree c : children) {
                if (c instanceof ParserRuleContext) {
                    c.accept(this);
                }
            }
        }
        return null;
    }

    private void visitIn(ParseTree t) {
        if (t != null) {
            t.accept(this);
        }
    }

    // ---- scopes ------------------------------------------------------------------------------------------

    @Override
    public Void visitBlock(RhaiParser.BlockContext ctx) {
        return visitBlockLike(ctx);
    }

    @Override
    public Void visitTplInterp(RhaiParser.TplInterpContext ctx) {
        return visitBlockLike(ctx);
    }

    private Void visitBlockLike(ParserRuleContext ctx) {
        scope.push();
        visitChildren(ctx);
        scope.pop();
        return null;
    }

    @Override
    public Void visitFn_def(RhaiParser.Fn_defContext c) {
        Scope saved = scope;
        scope = new Scope(null, false);
        int[] params = declareParams(c.params);
        visitIn(c.body);
        res.put(c, new Resolution.Frame(scope.frameSize(), params, List.of()));
        scope = saved;
        return null;
    }

    @Override
    public Void visitClosureExpr(RhaiParser.ClosureExprContext c) {
        Scope saved = scope;
        scope = new Scope(saved, true);
        int[] params = declareParams(c.params);
        scope.push();
        visitIn(c.body);
        scope.pop();
        res.put(c, new Resolution.Frame(scope.frameSize(), params, List.copyOf(scope.captures)));
        scope = saved;
        return null;
    }

    private int[] declareParams(List<RhaiParser.IdentContext> params) {
        int[] slots = new int[params.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = scope.declare(params.get(i).getText(), false).slot();
        }
        return slots;
    }

    // ---- declarations ------------------------------------------------------------------------------------

    @Override
    public Void visitLetStmt(RhaiParser.LetStmtContext c) {
        return let(c, c.name, c.value, false);
    }

    @Override
    public Void visitConstStmt(RhaiParser.ConstStmtContext c) {
        return let(c, c.name, c.value, true);
    }

    @Override
    public Void visitExportLetStmt(RhaiParser.ExportLetStmtContext c) {
        return let(c, c.name, c.value, false);
    }

    @Override
    public Void visitExportConstStmt(RhaiParser.ExportConstStmtContext c) {
        return let(c, c.name, c.value, true);
    }

    /** The value first: in {@code let x = x + 1} the value still sees the outer {@code x}. */
    private Void let(ParserRuleContext c, RhaiParser.IdentContext name, RhaiParser.ExprContext value,
                     boolean constant) {
        visitIn(value);
        declare(name, constant);
        res.put(c, scope.visibleCount);
        return null;
    }

    @Override
    public Void visitExportStmt(RhaiParser.ExportStmtContext c) {
        for (RhaiParser.Export_itemContext it : c.export_item()) {
            Scope.Var v = scope.lookup(it.name.getText());
            if (v != null) {
                res.put(it, v);
            }
        }
        return null;
    }

    @Override
    public Void visitFor_expr(RhaiParser.For_exprContext c) {
        visitIn(c.iter);
        scope.push();
        declare(c.var, false);
        if (c.counter != null) {
            declare(c.counter, false);
        }
        visitIn(c.body);
        scope.pop();
        return null;
    }

    @Override
    public Void visitTry_stmt(RhaiParser.Try_stmtContext c) {
        visitIn(c.body);
        scope.push();
        if (c.err != null) {
            declare(c.err, false);
        }
        visitIn(c.handler);
        scope.pop();
        return null;
    }

    @Override
    public Void visitImportStmt(RhaiParser.ImportStmtContext c) {
        visitIn(c.path);
        if (c.alias != null) {
            imported.add(c.alias.getText());
        }
        return null;
    }

    // ---- order of evaluation that differs from the source ------------------------------------------------

    @Override
    public Void visitExprStmt(RhaiParser.ExprStmtContext c) {
        visitIn(c.rhs);
        visitIn(c.lhs);
        return null;
    }

    @Override
    public Void visitSwitch_case(RhaiParser.Switch_caseContext c) {
        visitIn(c.guard);
        visitIn(c.body);
        visitIn(c.pattern);
        return null;
    }

    // ---- references --------------------------------------------------------------------------------------

    @Override
    public Void visitVarRef(RhaiParser.VarRefContext c) {
        String name = c.name.getText();
        Scope.Var v = name.equals("this") ? null : scope.lookup(name);
        if (v != null) {
            res.put(c, v);
        }
        return null;
    }

    @Override
    public Void visitCallExpr(RhaiParser.CallExprContext c) {
        visitIn(c.args());
        String name = c.name.getText();
        if (c.bang != null || name.equals("eval") || name.equals("is_def_var")) {
            res.put(c, new Resolution.Site(scope.visibleSlots(), scope.visibleNames(), scope.frameSize(),
                    scope == root && scope.blockDepth() == 1));
        }
        return null;
    }

    @Override
    public Void visitNsRef(RhaiParser.NsRefContext c) {
        visitIn(c.args());
        if (!imported.contains(c.path.get(0).getText())) {
            res.put(c, Boolean.TRUE);
        }
        return null;
    }
}
