package io.picloud.manager.impl.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.Run;

/** The request and answer bodies of queued runs and dead letters (times as ISO-8601 text). */
final class RunBodies {
    private RunBodies() {
    }

    /** {@code POST /dead-letters/{id}/replay}: a payload (a JSON object) instead of the dead letter's own. */
    record ReplayRequest(JsonNode payload) {
    }

    /** {@code 202} to a queued run: its id and status ({@code queued}, or where an idempotent replay stands). */
    record RunAccepted(long id, String status) {
    }

    record RunErrorBody(String kind, String message, int line, int column) {
        static RunErrorBody of(Run.RunError e) {
            return e == null ? null : new RunErrorBody(e.kind(), e.message(), e.line(), e.column());
        }
    }

    record RunAttemptBody(int attempt, String node, String startedAt, String finishedAt, String outcome,
                          RunErrorBody error, String invocation) {
        static RunAttemptBody of(Run.RunAttempt a) {
            return new RunAttemptBody(a.attempt(), a.node(), Bodies.text(a.startedAt()), Bodies.text(a.finishedAt()), a.outcome(),
                    RunErrorBody.of(a.error()), a.invocation());
        }
    }

    /** A run in a list: where it stands, without payload, result, output or history. */
    record RunItem(long id, String script, String trigger, String source, String status, int attempts,
                   int maxAttempts, String createdAt, String startedAt, String finishedAt, String nextAttemptAt,
                   RunErrorBody error, Long replayOf, Long replayedAs, String submittedBy) {
        static RunItem of(Run r) {
            return new RunItem(r.id(), r.script(), r.trigger(), r.source(), r.status(), r.attempts(),
                    r.maxAttempts(), Bodies.text(r.createdAt()), Bodies.text(r.startedAt()), Bodies.text(r.finishedAt()),
                    Bodies.text(r.nextAttemptAt()), RunErrorBody.of(r.error()), r.replayOf(), r.replayedAs(),
                    r.submittedBy());
        }
    }

    /** One run with everything: what was asked (payload), its value or last error, output and every attempt. */
    record RunBody(long id, String script, String trigger, String source, String bindingId, String status,
                   int attempts, int maxAttempts, String createdAt, String startedAt, String finishedAt,
                   String nextAttemptAt, Map<String, Object> payload, Object result, RunErrorBody error,
                   List<String> output, List<RunAttemptBody> history, Long replayOf, Long replayedAs,
                   String submittedBy) {
        static RunBody of(Run r) {
            return new RunBody(r.id(), r.script(), r.trigger(), r.source(), r.bindingId(), r.status(), r.attempts(),
                    r.maxAttempts(), Bodies.text(r.createdAt()), Bodies.text(r.startedAt()), Bodies.text(r.finishedAt()),
                    Bodies.text(r.nextAttemptAt()), r.payload(), r.result(), RunErrorBody.of(r.error()),
                    r.output() == null ? List.of() : r.output(),
                    r.history() == null ? List.of() : r.history().stream().map(RunAttemptBody::of).toList(),
                    r.replayOf(), r.replayedAs(), r.submittedBy());
        }
    }

    /** A page of runs or dead letters; {@code nextBefore} is the {@code before} of the next page, null on the last. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Runs(List<RunItem> runs, Long nextBefore) {
    }
}
