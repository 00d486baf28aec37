package io.picloud.rhai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiException;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.RunControl;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.RunResult;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The eval-batch protocol for one case: a fresh engine with the case's settings, run in its own thread with a
 * large stack and a deadline, so that a crash or a hang becomes an error line, never a lost line.
 */
public final class BatchRunner {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Duration timeout;
    /** The engines' {@link io.picloud.rhai.RhaiEngineBuilder#compileAfterCalls}; negative: the default. */
    private final int compileAfterCalls;

    public BatchRunner(Duration timeout) {
        this(timeout, -1);
    }

    public BatchRunner(Duration timeout, int compileAfterCalls) {
        this.timeout = timeout;
        this.compileAfterCalls = compileAfterCalls;
    }

    /** Runs one case (a parsed JSONL object) and returns the protocol's answer object. */
    public ObjectNode runCase(JsonNode in) {
        String id = in.path("id").asText();
        AtomicReference<ObjectNode> out = new AtomicReference<>();
        RunControl control = new RunControl();
        Thread t = new Thread(null, () -> {
            try {
                out.set(runInline(id, in, control));
            } catch (Throwable e) {
                out.set(error(id, "ErrorSystem", "internal error: " + e, 0, 0, null));
            }
        }, "rhai-case-" + id, 512L * 1024 * 1024);
        t.setDaemon(true);
        t.start();
        try {
            t.join(timeout.toMillis() + 2000);
            if (t.isAlive()) {
                control.cancel();
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ObjectNode r = out.get();
        return r != null ? r : error(id, "ErrorTerminated", "case did not finish in time", 0, 0, null);
    }

    private ObjectNode runInline(String id, JsonNode in, RunControl control) {
        String script = in.path("script").asText();
        String mode = in.path("mode").asText("eval");
        String wanted = ValueJson.expectedType(in.hasNonNull("type") ? in.get("type").asText() : null);
        RhaiEngine engine = CaseEngine.build(in.get("engine"), timeout, compileAfterCalls);
        try {
            boolean exprMode = mode.equals("expression") || mode.equals("compile_expression");
            CompiledScript cs = exprMode ? engine.compileExpression(id, script) : engine.compile(id, script);
            if (mode.startsWith("compile")) {
                return value(id, null);
            }
            RunResult r = engine.run(cs, new RunOptions(Map.of(), null, control, null));
            if (mode.equals("run")) {
                return value(id, null);
            }
            Object v = r.value();
            String actual = ValueJson.typeName(v);
            if (wanted != null && !wanted.equals(actual)) {
                return error(id, "ErrorMismatchOutputType", "Output type incorrect: " + actual + " (expecting "
                        + wanted + ")", 0, 0, null);
            }
            return value(id, v);
        } catch (RhaiParseException e) {
            RhaiParseException.Error first = e.errors().isEmpty() ? null : e.errors().get(0);
            return error(id, "ErrorParsing", e.getMessage(), e.line(), e.column(),
                    first == null ? "BadInput" : first.parseErrorType());
        } catch (RhaiException e) {
            return error(id, e.kind(), e.getMessage(), e.line(), e.column(), null);
        }
    }

    static ObjectNode value(String id, Object v) {
        ObjectNode o = F.objectNode();
        o.put("id", id);
        o.put("type", ValueJson.typeName(v));
        o.set("value", ValueJson.toJson(v));
        return o;
    }

    static ObjectNode error(String id, String kind, String message, int line, int col, String parseError) {
        ObjectNode o = F.objectNode();
        o.put("id", id);
        ObjectNode e = o.putObject("error");
        e.put("kind", kind);
        e.put("message", message);
        e.put("line", line);
        e.put("column", col);
        if (parseError != null) {
            e.put("parse_error", parseError);
        }
        return o;
    }
}
