package io.picloud.runs.impl;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.Dispatcher.Dispatch;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.Run.RunError;
import io.picloud.api.ScriptProblem;
import io.picloud.rhai.json.RhaiJson;

/**
 * What becomes of a run after an attempt, by its {@link RetryPolicy}: {@link Run#SUCCEEDED}; {@link Run#FAILED}
 * with the next attempt after a random delay in {@code [0, backoffCapMillis(attempt)]} (full jitter) when attempts
 * are left and the policy retries the error; {@link Run#DEAD} otherwise. Stateless apart from the jitter source.
 */
final class Attempts {
    /** The error kind of a run whose script was deleted after it was queued. */
    static final String SCRIPT_NOT_FOUND = "ScriptNotFound";
    /** The error kind of an attempt the platform could not carry out (database away ...). */
    static final String UNAVAILABLE = "Unavailable";

    /** Given a bound b >= 0, a random number in [0, b]. */
    private final LongUnaryOperator jitter;

    Attempts(LongUnaryOperator jitter) {
        this.jitter = jitter;
    }

    /** The outcome of a dispatch: empty when the script no longer exists. */
    AttemptOutcome decide(LeasedRun run, Optional<Dispatch> dispatch, Instant started, Instant finished) {
        if (dispatch.isEmpty()) {
            return failed(run, new RunError(SCRIPT_NOT_FOUND, "the script '" + run.script() + "' does not exist",
                    0, 0), List.of(), started, finished);
        }
        ExecutionOutcome outcome = dispatch.get().outcome();
        List<String> output = outcome.output() == null ? List.of() : outcome.output();
        ScriptProblem problem = outcome.problem();
        if (problem == null) {
            return new AttemptOutcome(Run.SUCCEEDED, jsonMappable(outcome.value()), null, output, started, finished,
                    null, null);
        }
        return failed(run, new RunError(problem.kind(), problem.message(), problem.line(), problem.column()),
                output, started, finished);
    }

    /** An attempt that ended with {@code error}: retried if the policy and the attempts left allow. */
    AttemptOutcome failed(LeasedRun run, RunError error, List<String> output, Instant started, Instant finished) {
        RetryPolicy policy = run.policy() == null ? RetryPolicy.DEFAULT : run.policy();
        if (run.attempt() < run.maxAttempts() && policy.retries(error.kind())) {
            long delay = jitter.applyAsLong(policy.backoffCapMillis(run.attempt()));
            return new AttemptOutcome(Run.FAILED, null, error, output, started, finished,
                    finished.plus(Duration.ofMillis(delay)), null);
        }
        return new AttemptOutcome(Run.DEAD, null, error, output, started, finished, null, null);
    }

    /**
     * The engine's value as JSON values (Map, List, String, Long, Double, Boolean, null), through the same JSON
     * mapping the HTTP answers use; anything it cannot map becomes its text.
     */
    static Object jsonMappable(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return RhaiJson.parse(RhaiJson.toJson(value));
        } catch (IOException | RuntimeException e) {
            return String.valueOf(value);
        }
    }
}
