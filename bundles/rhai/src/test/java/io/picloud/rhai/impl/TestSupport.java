package io.picloud.rhai.impl;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiEngineBuilder;
import io.picloud.rhai.RhaiException;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.RunOptions;

import java.util.Map;

import static org.junit.Assert.fail;

/** Helpers shared by the engine's unit tests. */
final class TestSupport {
    private TestSupport() {
    }

    static Object eval(RhaiEngine engine, String src) {
        return engine.run(engine.compile("test", src), RunOptions.of(Map.of(), null)).value();
    }

    static Object eval(String src) {
        return eval(RhaiEngine.builder().build(), src);
    }

    static RhaiEngine engine(Limits limits) {
        return RhaiEngine.builder().limits(limits).build();
    }

    /** Runs and returns the error kind (or the parse error type), failing when the script succeeds. */
    static String errorOf(RhaiEngine engine, String src) {
        try {
            Object v = eval(engine, src);
            fail("expected an error, got " + v);
            return null;
        } catch (RhaiParseException e) {
            return e.errors().get(0).parseErrorType();
        } catch (RhaiException e) {
            return e.kind();
        }
    }

    static RhaiEngineBuilder builder() {
        return RhaiEngine.builder();
    }
}
