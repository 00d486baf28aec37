package io.picloud.executor.impl;

import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import io.picloud.rhai.HostFunction;
import io.picloud.rhai.RhaiRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a host package's function into an engine function that the executor guards: limits and deadline
 * ({@link HostRun}), and errors a script can read. A {@link HostException} becomes a catchable
 * {@code ErrorRuntime} binding {@code #{error, message}}; any other exception an {@code ErrorRuntime} with a
 * message only (its class is logged, never shown).
 */
final class HostFunctions {
    private static final Logger logger = LoggerFactory.getLogger(HostFunctions.class);

    private HostFunctions() {
    }

    static HostFunction guarded(String name, HostPackage.Function function) {
        return (context, arguments) -> {
            HostRun run = (HostRun) context.hostData();
            run.beforeCall(name, sizeOf(arguments));
            Object result;
            try {
                result = function.call(run, arguments);
            } catch (RhaiRuntimeException e) {
                throw e;
            } catch (HostException e) {
                throw scriptError(run, name, e.code(), e.getMessage());
            } catch (IllegalArgumentException e) {
                throw scriptError(run, name, "InvalidArgument", messageOf(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RhaiRuntimeException("ErrorTerminated", "the run was ended during " + name,
                        run.script(), 0, 0, null, null);
            } catch (Exception e) {
                logger.debug("Host function {} failed for script '{}'", name, run.script(), e);
                throw scriptError(run, name, "HostError", messageOf(e));
            }
            run.afterCall(name, sizeOf(result));
            return result;
        };
    }

    private static RhaiRuntimeException scriptError(HostRun run, String function, String code, String message) {
        String text = run.redactText(message);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("error", code);
        value.put("message", text);
        value.put("function", function);
        return new RhaiRuntimeException("ErrorRuntime", function + ": " + text, run.script(), 0, 0, value, null);
    }

    private static String messageOf(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "failed" : m;
    }

    /** An estimate of a value's size in bytes: strings by length, BLOBs by size, 8 per other value. */
    static long sizeOf(Object v) {
        if (v == null) {
            return 0;
        } else if (v instanceof CharSequence s) {
            return s.length();
        } else if (v instanceof byte[] b) {
            return b.length;
        } else if (v instanceof Map<?, ?> m) {
            long n = 8;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += sizeOf(e.getKey()) + sizeOf(e.getValue());
            }
            return n;
        } else if (v instanceof Collection<?> c) {
            long n = 8;
            for (Object o : c) {
                n += sizeOf(o);
            }
            return n;
        }
        return 8;
    }

    static long sizeOf(List<Object> arguments) {
        long n = 0;
        for (Object a : arguments) {
            n += sizeOf(a);
        }
        return n;
    }
}
