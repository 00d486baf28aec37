package io.picloud.rhai.impl.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * What the module nodes ({@link Import}, {@link Ref}, {@link Eval}) share: a module's {@link Instance} (its
 * exported variables and functions).
 */
public final class Modules {
    private Modules() {
    }

    /** A loaded module: its run context (for calling its functions) and exported variables. */
    static final class Instance {
        final Context ctx;
        final Map<String, Object> vars = new HashMap<>();

        Instance(Context ctx) {
            this.ctx = ctx;
        }
    }
}
