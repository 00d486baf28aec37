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

    /**
     * How a run ends, as one comparable line: the value, output and operation count, or the error's kind,
     * position and message. Any exception other than a Rhai error fails the test.
     */
    static String outcome(RhaiEngine engine, String src) {
        try {
            io.picloud.rhai.RunResult r = engine.run(engine.compile("t", src), RunOptions.of(Map.of(), null));
            return r.value() + " " + r.output() + " ops " + r.operations();
        } catch (RhaiException e) {
            return e.kind() + " at " + e.line() + ":" + e.column() + ": " + e.getMessage();
        } catch (RuntimeException | Error e) {
            fail("script " + src + " threw " + e);
            return null;
        }
    }

    static RhaiEngineBuilder builder() {
        return RhaiEngine.builder();
    }
}
