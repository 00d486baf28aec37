package io.picloud.manager.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.RateLimiter;
import io.picloud.api.control.RunService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link RunService} over the {@link RunStore}: the rights of {@link Authz} and {@link ScriptRights}, the script's
 * rate limit for submissions (429 {@code rate_limited}), and the audit log for replays, removals and refusals. A queued run is not audited: it records who queued it
 * ({@link Run#submittedBy()}), and an audit row per run would double the database's work for every async call.
 */
@Component(service = RunService.class)
public class RunServiceImpl implements RunService {
    /** The trigger of runs queued through the control plane. */
    static final String TRIGGER = "async";
    static final Set<String> STATUSES = Set.of(Run.QUEUED, Run.RUNNING, Run.FAILED, Run.SUCCEEDED, Run.DEAD);

    private final RunStore runs;
    private final ScriptStore scripts;
    private final AuditLog audit;
    private final RateLimiter limiter;
    private final ScriptRights rights;
    private final Clock clock;

    @Activate
    public RunServiceImpl(@Reference RunStore runs, @Reference ScriptStore scripts, @Reference AuditLog audit,
                          @Reference RateLimiter limiter) {
        this(runs, scripts, audit, limiter, Clock.systemUTC());
    }

    RunServiceImpl(RunStore runs, ScriptStore scripts, AuditLog audit, RateLimiter limiter, Clock clock) {
        this.runs = runs;
        this.scripts = scripts;
        this.audit = audit;
        this.limiter = limiter;
        this.rights = new ScriptRights(scripts, audit);
        this.clock = clock;
    }

    @Override
    public RunStore.Submitted submit(Principal p, String script, Map<String, Object> payload, String idempotencyKey) {
        mayQueue(p, script);
        checkKey(idempotencyKey);
        RateLimiter.Admission admission = limiter.admitScript(script);
        if (!admission.admitted()) {
            throw admission.toException("script " + script + " is called more often than its rate limit allows; "
                    + "try again in " + admission.retryAfterSeconds() + " s");
        }
        Instant now = clock.instant();
        RunRequest request = new RunRequest(script, TRIGGER, p.actor(), null, event(p, payload, now),
                idempotencyKey, p.actor(), now);
        return runs.submit(request).orElseThrow(() -> ScriptRights.noScript(script));
    }

    /**
     * The {@code event} an async run's script sees, shaped as every other trigger's (DESIGN.md §3): {@code type}
     * {@code "async"}, {@code source} who queued it, the posted {@code payload}, {@code time}.
     */
    private static Map<String, Object> event(Principal p, Map<String, Object> payload, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", TRIGGER);
        event.put("source", p.actor());
        event.put("payload", payload == null ? Map.of() : payload);
        event.put("time", now.toString());
        return event;
    }

    @Override
    public Run get(Principal p, long id) {
        Authz.read(p);
        return readable(p, id).orElseThrow(() -> noRun(id));
    }

    @Override
    public List<Run> list(Principal p, String script, String status, long before, int limit) {
        Authz.read(p);
        if (status != null && !STATUSES.contains(status)) {
            throw OperationException.invalid("status", "status must be one of queued, running, failed, succeeded "
                    + "or dead");
        }
        return query(p, script, status, null, before, limit);
    }

    @Override
    public List<Run> deadLetters(Principal p, String script, Boolean replayed, long before, int limit) {
        Authz.read(p);
        return query(p, script, Run.DEAD, replayed, before, limit);
    }

    @Override
    public Run deadLetter(Principal p, long id) {
        Authz.read(p);
        return readable(p, id).filter(r -> Run.DEAD.equals(r.status())).orElseThrow(() -> noDeadLetter(id));
    }

    @Override
    public Run replay(Principal p, long id, Map<String, Object> payload) {
        Run dead = deadLetter(p, id);
        mayChange(p, dead, "run.replay");
        Run replayed = runs.replay(id, payload, p.actor()).orElseThrow(() -> noDeadLetter(id));
        audit.record(p, "run.replay", dead.script(), "ok", "dead letter " + id + " as run " + replayed.id()
                + (payload == null ? "" : " with an edited payload"));
        return replayed;
    }

    @Override
    public void delete(Principal p, long id) {
        Run dead = deadLetter(p, id);
        mayChange(p, dead, "run.delete");
        if (!runs.delete(id)) {
            throw noDeadLetter(id);
        }
        audit.record(p, "run.delete", dead.script(), "ok", "dead letter " + id);
    }

    /**
     * Queueing a run is invoking the script: an invoke-only key naming it, or whoever may change it (as for a
     * {@code key} script's endpoint and the dashboard's try-it).
     */
    private void mayQueue(Principal p, String script) {
        if (p != null && p.invokeOnly()) {
            ScriptServiceImpl.requireName(script);
            if (!p.scripts().contains(script)) {
                audit.record(p, "run.submit", script, "denied", "an invoke-only key for other scripts");
                throw OperationException.forbidden("this key may only invoke the scripts " + p.scripts());
            }
            if (scripts.owner(script).isEmpty()) {
                throw ScriptRights.noScript(script);
            }
            return;
        }
        rights.mayChange(p, rights.readable(p, script), "run.submit", null);
    }

    /** Replaying or removing a dead letter: who may change its script; admins and owners once it is deleted. */
    private void mayChange(Principal p, Run run, String action) {
        Optional<ScriptOwner> owner = scripts.owner(run.script());
        if (owner.isPresent()) {
            rights.mayChange(p, owner.get(), action, "run " + run.id());
            return;
        }
        try {
            Authz.admin(p, "change the runs of a deleted script");
        } catch (OperationException e) {
            audit.record(p, action, run.script(), "denied", "run " + run.id());
            throw e;
        }
    }

    private List<Run> query(Principal p, String script, String status, Boolean replayed, long before, int limit) {
        if (script != null) {
            rights.readable(p, script);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw OperationException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        if (before < 0) {
            throw OperationException.invalid("before", "before must be a run id");
        }
        return runs.list(new RunQuery(script, null, status, replayed, before, limit)).stream()
                .filter(r -> Authz.mayRead(p, r.script())).toList();
    }

    private Optional<Run> readable(Principal p, long id) {
        return id <= 0 ? Optional.empty() : runs.find(id).filter(r -> Authz.mayRead(p, r.script()));
    }

    /** At most {@link #MAX_KEY_LENGTH} characters, none a control character (it is echoed in headers and logs). */
    static void checkKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
            throw OperationException.invalid("idempotencyKey", "an idempotency key is 1 to " + MAX_KEY_LENGTH
                    + " characters without control characters");
        }
    }

    private static OperationException noRun(long id) {
        return OperationException.notFound("no run with id " + id);
    }

    private static OperationException noDeadLetter(long id) {
        return OperationException.notFound("no dead letter with id " + id);
    }
}
