package io.picloud.orchestrator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptProblem;
import org.junit.Test;

/** {@code invoke}: the callee's event, its value or error, the depth guard and key-protected callees. */
public class InvokeFunctionTest {
    private final OrchestratorTest.MemoryStore store = new OrchestratorTest.MemoryStore() {
        @Override
        public Optional<ScriptOwner> owner(String name) {
            if (!active.containsKey(name)) {
                return Optional.empty();
            }
            return Optional.of(new ScriptOwner(name, name.startsWith("bob") ? 2 : 1, "x",
                    name.endsWith("-key") ? ScriptAccess.KEY : ScriptAccess.PUBLIC));
        }
    };
    private final OrchestratorTest.RecordingExecutor executor = new OrchestratorTest.RecordingExecutor();
    private final OrchestratorTest.ListLog log = new OrchestratorTest.ListLog();
    private final InvokeFunction invoke = new InvokeFunction(store, new Orchestrator(store, executor, log, null), 3);

    private static HostPackage.Call call(String script, int depth) {
        return new HostPackage.Call() {
            @Override public String script() { return script; }
            @Override public int version() { return 1; }
            @Override public int depth() { return depth; }
        };
    }

    @Test
    public void theCalleeSeesAnInvokeEventAndItsValueIsTheAnswer() throws Exception {
        store.put("caller", 1, "");
        store.put("adder", 4, "");
        executor.next = new ExecutionOutcome(42L, null, false, List.of(), 3, 10);
        assertEquals(42L, invoke.invoke(call("caller", 0), "adder", Map.of("a", 40L)));
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) executor.calls.get(0)[3];
        assertEquals("invoke", event.get("type"));
        assertEquals("caller", event.get("source"));
        assertEquals(Map.of("a", 40L), event.get("payload"));
        assertEquals(1L, event.get("depth"));
        assertEquals("event", executor.calls.get(0)[2]);
        assertEquals("invoke", log.records.get(0).trigger());
        assertEquals("recorded with its caller", "caller", log.records.get(0).source());
    }

    @Test
    public void theCalleesErrorIsTheCallersCatchableErrorWithItsKindAndPosition() {
        store.put("caller", 1, "");
        store.put("broken", 1, "");
        executor.next = new ExecutionOutcome(null, new ScriptProblem("ErrorArithmetic", "Division by zero", 2, 7),
                false, List.of(), 3, 10);
        HostException e = refused(() -> invoke.invoke(call("caller", 0), "broken", null));
        assertEquals("ErrorArithmetic", e.code());
        assertEquals("script 'broken' failed: ErrorArithmetic at 2:7: Division by zero", e.getMessage());
    }

    @Test
    public void theChainDepthIsBounded() {
        store.put("loop", 1, "");
        assertEquals("TooDeep", refused(() -> invoke.invoke(call("loop", 3), "loop", null)).code());
    }

    @Test
    public void aKeyProtectedScriptIsInvokedOnlyByItsOwnersScripts() throws Exception {
        store.put("alice-app", 1, "");
        store.put("alice-key", 1, "");
        store.put("bob-app", 1, "");
        assertEquals("hi", invoke.invoke(call("alice-app", 0), "alice-key", null));
        assertEquals("Forbidden", refused(() -> invoke.invoke(call("bob-app", 0), "alice-key", null)).code());
        assertEquals("NotFound", refused(() -> invoke.invoke(call("bob-app", 0), "ghost", null)).code());
        assertEquals("InvalidName", refused(() -> invoke.invoke(call("bob-app", 0), 42L, null)).code());
    }

    private interface Invocation {
        Object run() throws HostException;
    }

    private static HostException refused(Invocation i) {
        try {
            i.run();
        } catch (HostException e) {
            return e;
        }
        fail("not refused");
        return null;
    }
}
