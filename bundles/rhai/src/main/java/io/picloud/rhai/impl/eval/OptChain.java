package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.Unit;

/**
 * A postfix chain with a {@code ?.} or {@code ?[} before its last link. As in Rhai ({@code eval/chaining.rs}:
 * the flagged link returns () for the whole rest of the chain), () there skips every later property, index
 * and method call, and the chain's value is ().
 */
public final class OptChain extends Node {
    final Node chain;

    public OptChain(Node chain) {
        super(chain.line, chain.col);
        this.chain = chain;
    }

    @Override
    public Object eval(Frame f) {
        try {
            return chain.eval(f);
        } catch (Access.Skip s) {
            return Unit.UNIT;
        }
    }

    @Override
    public Object evalRef(Frame f) {
        try {
            return chain.evalRef(f);
        } catch (Access.Skip s) {
            return Unit.UNIT;
        }
    }
}
