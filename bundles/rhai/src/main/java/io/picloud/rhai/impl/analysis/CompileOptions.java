package io.picloud.rhai.impl.analysis;

import java.util.Set;

/** Language switches and parse-time limits in force while compiling. */
public record CompileOptions(
        boolean strictVariables,
        boolean allowLooping,
        boolean allowShadowing,
        boolean allowIfExpression,
        boolean allowSwitchExpression,
        boolean allowStatementExpression,
        boolean allowLoopExpressions,
        boolean allowAnonymousFn,
        boolean evalEnabled,
        Set<String> disabledSymbols,
        int maxExprDepth,
        int maxFunctionExprDepth,
        int maxFunctions,
        int maxStringSize,
        int maxArraySize,
        int maxMapSize) {
}
