package io.picloud.rhai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiEngineBuilder;

import java.time.Duration;

/** Builds a fresh engine from a test vector's {@code engine} settings (Rhai {@code Engine} method calls). */
final class CaseEngine {
    private CaseEngine() {
    }

    static RhaiEngine build(JsonNode settings, Duration timeout, int compileAfterCalls) {
        RhaiEngineBuilder b = RhaiEngine.builder().evalEnabled(true);
        if (compileAfterCalls >= 0) {
            b.compileAfterCalls(compileAfterCalls);
        }
        long ops = 0;
        int callDepth = 64;
        int exprDepth = 64;
        int fnExprDepth = 32;
        int str = 0;
        int arr = 0;
        int map = 0;
        int vars = 0;
        int fns = 0;
        int mods = 0;
        if (settings != null) {
            for (JsonNode call : settings) {
                String m = call.get(0).asText();
                JsonNode a1 = call.size() > 1 ? call.get(1) : null;
                switch (m) {
                    case "new_raw" -> b.raw(true);
                    case "set_max_operations" -> ops = a1.asLong();
                    case "set_max_call_levels" -> callDepth = a1.asInt();
                    case "set_max_expr_depths" -> {
                        exprDepth = a1.asInt();
                        fnExprDepth = call.get(2).asInt();
                    }
                    case "set_max_string_size" -> str = a1.asInt();
                    case "set_max_array_size" -> arr = a1.asInt();
                    case "set_max_map_size" -> map = a1.asInt();
                    case "set_max_variables" -> vars = a1.asInt();
                    case "set_max_functions" -> fns = a1.asInt();
                    case "set_max_modules" -> mods = a1.asInt();
                    case "set_strict_variables" -> b.strictVariables(a1.asBoolean());
                    case "set_allow_looping" -> b.allowLooping(a1.asBoolean());
                    case "set_allow_shadowing" -> b.allowShadowing(a1.asBoolean());
                    case "set_allow_if_expression" -> b.allowIfExpression(a1.asBoolean());
                    case "set_allow_switch_expression" -> b.allowSwitchExpression(a1.asBoolean());
                    case "set_allow_statement_expression" -> b.allowStatementExpression(a1.asBoolean());
                    case "set_allow_loop_expressions" -> b.allowLoopExpressions(a1.asBoolean());
                    case "set_allow_anonymous_fn" -> b.allowAnonymousFn(a1.asBoolean());
                    case "set_fail_on_invalid_map_property" -> b.failOnInvalidMapProperty(a1.asBoolean());
                    case "disable_symbol" -> b.disableSymbol(a1.asText());
                    default -> {
                        // set_optimization_level and unknown settings do not change semantics here
                    }
                }
            }
        }
        b.limits(new Limits(ops, callDepth, exprDepth, fnExprDepth, str, arr, map, vars, fns, mods, timeout));
        return b.build();
    }
}
