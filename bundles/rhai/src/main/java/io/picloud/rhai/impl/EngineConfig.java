package io.picloud.rhai.impl;

import io.picloud.rhai.HostFunction;
import io.picloud.rhai.Limits;
import io.picloud.rhai.ModuleResolver;

import java.util.Map;
import java.util.Set;

/** Everything a {@link io.picloud.rhai.RhaiEngineBuilder} collected. */
public record EngineConfig(
        Map<String, HostFunction> hostFunctions,
        Set<String> disabledSymbols,
        boolean raw,
        boolean strictVariables,
        boolean allowLooping,
        boolean allowShadowing,
        boolean evalEnabled,
        boolean allowIfExpression,
        boolean allowSwitchExpression,
        boolean allowStatementExpression,
        boolean allowLoopExpressions,
        boolean allowAnonymousFn,
        boolean failOnInvalidMapProperty,
        Limits limits,
        ModuleResolver moduleResolver,
        int compileAfterCalls) {
}
