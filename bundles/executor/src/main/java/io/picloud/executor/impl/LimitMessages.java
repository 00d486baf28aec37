package io.picloud.executor.impl;

import io.picloud.rhai.Limits;

/** Names the limit a run hit, with its configured value, in front of the engine's message. */
final class LimitMessages {
    private LimitMessages() {
    }

    static String describe(String kind, String engineMessage, Limits limits) {
        String limit = switch (kind) {
            case "ErrorTooManyOperations" -> engineMessage != null && engineMessage.contains("maxHostCalls")
                    ? "host call limit" : "operations limit (max " + limits.maxOperations() + ")";
            case "ErrorStackOverflow" -> "call depth limit (max " + limits.maxCallDepth() + ")";
            case "ErrorTerminated" -> "timeout limit (" + limits.timeout().toMillis() + " ms)";
            case "ErrorDataTooLarge" -> dataLimit(engineMessage, limits);
            case "ErrorTooManyVariables" -> "variables limit (max " + limits.maxVariables() + ")";
            case "ErrorTooManyModules" -> "modules limit (max " + limits.maxModules() + ")";
            default -> "limit";
        };
        return engineMessage == null || engineMessage.isEmpty()
                ? limit + " exceeded" : limit + " exceeded: " + engineMessage;
    }

    /** Which data limit: Rhai's own messages name a kind of data, the engine's memory and output limits a setting. */
    private static String dataLimit(String message, Limits limits) {
        String m = message == null ? "" : message;
        if (m.startsWith("Length of string")) {
            return "maxStringSize limit (" + limits.maxStringSize() + " bytes)";
        } else if (m.startsWith("Size of array")) {
            return "maxArraySize limit (" + limits.maxArraySize() + " elements)";
        } else if (m.startsWith("Size of object map")) {
            return "maxMapSize limit (" + limits.maxMapSize() + " entries)";
        } else if (m.contains("maxHostBytes")) {
            return "host data limit";
        } else if (m.contains("allocationLimitFactor")) {
            return "allocation limit (" + limits.allocationLimitFactor() + " x maxMemoryBytes)";
        } else if (m.contains("maxMemoryBytes")) {
            return "memory limit (maxMemoryBytes " + limits.maxMemoryBytes() + ")";
        } else if (m.contains("maxOutputLines")) {
            return "output limit (maxOutputLines " + limits.maxOutputLines() + ")";
        } else if (m.contains("maxOutputBytes")) {
            return "output limit (maxOutputBytes " + limits.maxOutputBytes() + ")";
        }
        return "data size limit";
    }
}
