package io.picloud.rhai.impl.parser;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * The expression-depth limit, counted as Rhai's parser counts it: every parse function that Rhai enters with
 * {@code settings.level_up()} raises the level by one, and entering at the limit is {@code ExprTooDeep} at the
 * position Rhai's settings hold then (see {@code ParseSettings::level_up} in Rhai's {@code parser.rs}). The
 * builders call {@link #up} where Rhai levels up and {@link #reset} when they leave that construct. A script
 * starts at level 0 with {@code maxExprDepth}; a function body at level 0 with {@code maxFunctionExprDepth};
 * a closure goes on with the level and the limit around it, as in Rhai.
 */
final class ExprLevels {
    private final AstBuilder b;
    private int level;
    private int max;
    private boolean reported;

    ExprLevels(AstBuilder b, int max) {
        this.b = b;
        this.max = max;
    }

    /** The current level, to {@link #reset} to when the construct that raised it is built. */
    int level() {
        return level;
    }

    void reset(int to) {
        level = to;
    }

    /** One level up; refused at the limit, reported once (Rhai stops at its first error). */
    void up(Token at) {
        if (max > 0 && level >= max && !reported) {
            reported = true;
            b.error("ExprTooDeep", "Expression exceeds maximum complexity", at);
        }
        level++;
    }

    void up(ParserRuleContext at) {
        up(at.getStart());
    }

    /** The level and limit outside a function body. */
    record Outside(int level, int max) {
    }

    /** Starts a function body: level 0 under the function limit; returns what {@link #leaveFunction} restores. */
    Outside enterFunction(int functionMax) {
        Outside saved = new Outside(level, max);
        level = 0;
        max = functionMax;
        return saved;
    }

    void leaveFunction(Outside saved) {
        level = saved.level();
        max = saved.max();
    }
}
