package io.picloud.executor.impl;

import io.picloud.rhai.Limits;

/** Names the limit a run hit, with its configured value, in front of the engine's message. */
final class LimitMessages {
    private LimitMessages() {
    }

    static String describe(String kind, String engineMessage, Limits limits) {
        String limit = switch (kind) {
            case "ErrorTooManyOperations" -> "operations limit (max " + limits.maxOperations() + ")";
            case "ErrorStackOverflow" -> "call depth limit (max " + limits.maxCallDepth() + ")";
            case "ErrorTerminated" -> "timeout limit (" + limits.timeout().toMillis() + " ms)";
            case "ErrorDataTooLarge" -> "data size limit (string " + limits.maxStringSize() + " chars, array "
                    + limits.maxArraySize() + " items, map " + limits.maxMapSize() + " entries)";
            case "ErrorTooManyVariables" -> "variables limit (max " + limits.maxVariables() + ")";
            case "ErrorTooManyModules" -> "modules limit (max " + limits.maxModules() + ")";
            default -> "limit";
        };
        return engineMessage == null || engineMessage.isEmpty()
                ? limit + " exceeded" : limit + " exceeded: " + engineMessage;
    }
}
