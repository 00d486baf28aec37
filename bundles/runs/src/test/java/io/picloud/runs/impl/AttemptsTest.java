package io.picloud.runs.impl;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.Dispatcher.Dispatch;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.Run.RunError;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptVersion;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class AttemptsTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plusMillis(5);
    private static final RetryPolicy POLICY = new RetryPolicy(4, 1_000, 5_000, List.of(RetryPolicy.RUNTIME));

    @Test
    public void aSucceededAttemptEndsTheRunWithItsValueAsJson() {
        Attempts attempts = new Attempts(b -> b);
        Object value = Map.of("n", 1, "list", List.of('c', 2.5f));
        AttemptOutcome o = attempts.decide(run(1, POLICY), ok(value), START, END);
        assertEquals(Run.SUCCEEDED, o.next());
        assertEquals(Map.of("n", 1L, "list", List.of("c", 2.5)), o.result());
        assertEquals(List.of("printed"), o.output());
        assertNull(o.error());
        assertNull(o.nextAttemptAt());
        assertEquals(START, o.startedAt());
        assertEquals(END, o.finishedAt());
    }

    @Test
    public void aRetriedErrorWaitsAtMostTheCapOfItsRetry() {
        long[] caps = new long[1];
        Attempts attempts = new Attempts(b -> {
            caps[0] = b;
            return b;
        });
        for (int attempt = 1; attempt <= 3; attempt++) {
            AttemptOutcome o = attempts.decide(run(attempt, POLICY), failed("ErrorArithmetic"), START, END);
            assertEquals(Run.FAILED, o.next());
            assertEquals(POLICY.backoffCapMillis(attempt), caps[0]);
            assertEquals(END.plusMillis(caps[0]), o.nextAttemptAt());
            assertEquals(new RunError("ErrorArithmetic", "boom", 3, 4), o.error());
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 5_000L), List.of(POLICY.backoffCapMillis(1),
                POLICY.backoffCapMillis(2), POLICY.backoffCapMillis(3), POLICY.backoffCapMillis(4)));
    }

    @Test
    public void theJitterIsFullWithinZeroAndTheCap() {
        Attempts attempts = new Attempts(b -> ThreadLocalRandom.current().nextLong(b + 1));
        boolean low = false;
        boolean high = false;
        for (int i = 0; i < 2_000; i++) {
            AttemptOutcome o = attempts.decide(run(2, POLICY), failed("ErrorRuntime"), START, END);
            long delay = o.nextAttemptAt().toEpochMilli() - END.toEpochMilli();
            assertTrue(delay >= 0 && delay <= 2_000);
            low |= delay < 500;
            high |= delay > 1_500;
        }
        assertTrue("spread over the whole range", low && high);
    }

    @Test
    public void theLastAttemptOrAnErrorThePolicyDoesNotRetryMakesADeadLetter() {
        Attempts attempts = new Attempts(b -> 0);
        assertEquals(Run.DEAD, attempts.decide(run(4, POLICY), failed("ErrorRuntime"), START, END).next());
        assertEquals("only runtime errors retry here", Run.DEAD,
                attempts.decide(run(1, POLICY), failed("ErrorTerminated"), START, END).next());
        AttemptOutcome dead = attempts.decide(run(1, RetryPolicy.DEFAULT), failed("ErrorDataTooLarge"), START, END);
        assertEquals(Run.DEAD, dead.next());
        assertNull(dead.nextAttemptAt());
        assertEquals(Run.FAILED, attempts.decide(run(1, RetryPolicy.DEFAULT), failed("ErrorTerminated"), START,
                END).next());
        assertEquals(Run.DEAD, attempts.decide(run(1, RetryPolicy.DEFAULT), failed("ErrorParsing"), START,
                END).next());
    }

    @Test
    public void aKindNamedExactlyIsRetried() {
        RetryPolicy only = new RetryPolicy(3, 10, 10, List.of("ErrorDataTooLarge"));
        Attempts attempts = new Attempts(b -> b);
        assertEquals(Run.FAILED, attempts.decide(run(1, only), failed("ErrorDataTooLarge"), START, END).next());
        assertEquals(Run.DEAD, attempts.decide(run(1, only), failed("ErrorArithmetic"), START, END).next());
    }

    @Test
    public void aDeletedScriptIsADeadLetterByDefault() {
        AttemptOutcome o = new Attempts(b -> b).decide(run(1, RetryPolicy.DEFAULT), Optional.empty(), START, END);
        assertEquals(Run.DEAD, o.next());
        assertEquals(Attempts.SCRIPT_NOT_FOUND, o.error().kind());
    }

    @Test
    public void theRunsOwnAttemptCountDecidesNotThePolicysCurrentOne() {
        // the policy now allows 4, but the run was queued with 2
        LeasedRun run = new LeasedRun(1, "s", "async", null, null, Map.of(), 2, 2, POLICY, START, START);
        assertEquals(Run.DEAD, new Attempts(b -> b).decide(run, failed("ErrorRuntime"), START, END).next());
    }

    static LeasedRun run(int attempt, RetryPolicy policy) {
        return new LeasedRun(7, "s", "async", null, null, Map.of(), attempt, policy.maxAttempts(), policy, START,
                START);
    }

    static Optional<Dispatch> ok(Object value) {
        return Optional.of(new Dispatch(version(), new ExecutionOutcome(value, null, false, List.of("printed"), 1, 1)));
    }

    static Optional<Dispatch> failed(String kind) {
        return Optional.of(new Dispatch(version(), new ExecutionOutcome(null, new ScriptProblem(kind, "boom", 3, 4),
                false, List.of(), 1, 1)));
    }

    static ScriptVersion version() {
        return new ScriptVersion("s", 1, "h", "1", START, ScriptSettings.DEFAULT);
    }
}
