package io.picloud.manager.impl.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.AuditEntry;
import io.picloud.api.InvocationBucket;
import io.picloud.api.InvocationRecord;
import io.picloud.api.Role;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import io.picloud.api.User;
import io.picloud.api.control.ApiKeyService.KeyView;
import io.picloud.api.control.BindingService;
import io.picloud.api.control.BindingService.BindingView;
import io.picloud.api.control.BindingService.NodeStatus;
import io.picloud.api.control.StatsService;

/** The REST API's request and answer bodies, as records Jackson maps (times as ISO-8601 text). */
final class Bodies {
    private Bodies() {
    }

    // --- requests ---

    record Login(String username, String password) {
    }

    record MeChange(String username, String password, String currentPassword) {
    }

    record NewUser(String username, String password, String role) {
    }

    record UserChange(String role, Boolean active, String password) {
    }

    record AdminChange(String role, Boolean active) {
    }

    record NewKey(String name, String role, String expiresAt, List<String> scripts) {
    }

    record ScriptChange(String access, String owner) {
    }

    record Rollback(Integer version) {
    }

    record SecretItem(String name, String updatedAt) {
    }

    record Secrets(String script, List<SecretItem> secrets) {
    }

    /**
     * {@code PUT /scripts/{name}/settings}: a null or missing kvNamespace or allowHosts means the default; retry
     * and rateLimit are kept when missing and cleared by null (so a client that knows only the first two keeps
     * them), which is why they are read as trees.
     */
    record SettingsRequest(String kvNamespace, List<String> allowHosts, JsonNode retry, JsonNode rateLimit) {
    }

    /** A retry policy as sent (a missing field takes the default's) and as answered (every field). */
    record RetryBody(Integer maxAttempts, Long initialBackoffMillis, Long maxBackoffMillis, List<String> retryOn) {
        static RetryBody of(io.picloud.api.RetryPolicy r) {
            return r == null ? null : new RetryBody(r.maxAttempts(), r.initialBackoffMillis(), r.maxBackoffMillis(),
                    r.retryOn());
        }
    }

    /** A rate limit as sent (burst may be left out) and as answered. */
    record RateLimitBody(Double perSecond, Integer burst) {
        static RateLimitBody of(io.picloud.api.RateLimit l) {
            return l == null ? null : new RateLimitBody(l.perSecond(), l.burst());
        }
    }

    /** retry null: the default policy; rateLimit null: none. */
    record SettingsBody(String script, String kvNamespace, List<String> allowHosts, Map<String, Object> config,
                        RetryBody retry, RateLimitBody rateLimit) {
        static SettingsBody of(String script, io.picloud.api.ScriptSettings s) {
            return new SettingsBody(script, s.kvNamespaceOf(script), s.allowHosts(), s.config(),
                    RetryBody.of(s.retry()), RateLimitBody.of(s.rateLimit()));
        }
    }


    record Source(String source) {
    }

    record BindingRequest(String type, String script, JsonNode config, Boolean enabled) {
    }

    /** {@code POST /trigger-types/{type}/next-fires}: a configuration not saved yet; count null means 5. */
    record NextFiresRequest(JsonNode config, Integer count) {
    }

    // --- answers ---

    record Version(String product, int api, int schema) {
    }

    record UserBody(long id, String username, String role, boolean active, String createdAt, boolean hasPassword) {
        static UserBody of(User u) {
            return new UserBody(u.id(), u.username(), u.role().id(), u.active(), text(u.createdAt()),
                    u.hasPassword());
        }
    }

    record Users(List<UserBody> users) {
    }

    record Session(UserBody user, String csrfToken) {
    }

    record KeyBody(long id, String name, String username, String role, String prefix, String createdAt,
                   String expiresAt, String lastUsedAt, boolean revoked, List<String> scripts) {
        static KeyBody of(KeyView k) {
            return new KeyBody(k.id(), k.name(), k.username(), k.role().id(), k.prefix(), text(k.createdAt()),
                    text(k.expiresAt()), text(k.lastUsedAt()), k.revoked(), List.copyOf(new java.util.TreeSet<>(k.scripts())));
        }
    }

    record CreatedKey(String key, long id, String name, String username, String role, String prefix,
                      String createdAt, String expiresAt, List<String> scripts) {
    }

    record Keys(List<KeyBody> keys) {
    }

    record ScriptItem(String name, int activeVersion, String activeHash, int latestVersion, String updatedAt,
                      String owner, String access) {
        static ScriptItem of(ScriptSummary s) {
            return new ScriptItem(s.name(), s.activeVersion(), s.activeHash(), s.latestVersion(), text(s.updatedAt()),
                    s.owner(), s.access() == null ? null : s.access().id());
        }
    }

    record Scripts(List<ScriptItem> scripts) {
    }

    record ScriptBody(String name, int version, String hash, String createdAt, String source, String owner,
                      String access) {
    }

    record Deployed(String name, int version, String hash) {
        static Deployed of(ScriptVersion v) {
            return new Deployed(v.name(), v.version(), v.hash());
        }
    }

    record VersionItem(int version, String hash, String createdAt, boolean active) {
    }

    record Versions(String name, int activeVersion, List<VersionItem> versions) {
    }

    record VersionBody(String name, int version, String hash, String createdAt, String source, boolean active) {
    }

    /** One run; {@code line} and {@code column} only when its error has a position. */
    record InvocationItem(String id, String script, int version, String trigger, String startedAt, long durationUs,
                          String status, String errorKind, String errorMessage,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer line,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer column, List<String> output,
                          long operations, String source, String ref) {
        static InvocationItem of(InvocationRecord r) {
            return new InvocationItem(r.id(), r.script(), r.version(), r.trigger(), text(r.start()),
                    r.durationMicros(), r.status(), r.errorKind(), r.errorMessage(),
                    r.hasPosition() ? r.line() : null, r.hasPosition() ? r.column() : null,
                    r.output() == null ? List.of() : r.output(), r.operations(), r.source(), r.ref());
        }
    }

    /** A page of runs; {@code nextBefore} is the {@code before} of the next page, null on the last one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Invocations(int limit, int offset, List<InvocationItem> invocations, String nextBefore) {
    }

    /** {@code POST /scripts/{name}/test}: every field optional; {@code path} is the part after /fn/{name}. */
    record TestRequest(String method, String path, String query, Map<String, String> headers, String body) {
    }

    record TestError(String kind, String message, int line, int column) {
    }

    /** What /fn would have answered, and how the run went; exactly one of body / bodyBase64 when there is a body. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TestResult(int status, Map<String, String> headers, String contentType, String body, String bodyBase64,
                      long durationUs, long operations, List<String> output, TestError error, int version) {
    }

    record NodeItem(String node, String status, String detail, String since, String seenAt) {
    }

    record BindingBody(String id, String type, String script, Map<String, Object> config, boolean enabled,
                       String status, String detail, List<NodeItem> nodes, String lastFired, String owner) {
        static BindingBody of(BindingView b) {
            List<NodeItem> nodes = new ArrayList<>();
            for (NodeStatus n : b.nodes()) {
                nodes.add(new NodeItem(n.node(), n.status(), n.detail(), text(n.since()), text(n.seenAt())));
            }
            return new BindingBody(b.id(), b.type(), b.script(), b.config(), b.enabled(), b.status(), b.detail(),
                    nodes, text(b.lastFired()), b.owner());
        }
    }

    record Bindings(List<BindingBody> triggers) {
    }

    record TriggerTypeBody(String id, String label, String description, JsonNode schema) {
    }

    record TriggerTypes(List<TriggerTypeBody> types) {
    }

    record HourBucket(String start, long calls, long errors) {
        static HourBucket of(InvocationBucket b) {
            return new HourBucket(text(b.start()), b.calls(), b.errors());
        }
    }

    record ScriptStats(String name, long calls, long errors, String lastCall, List<HourBucket> hourly) {
        static ScriptStats of(StatsService.ScriptStats s) {
            return new ScriptStats(s.name(), s.calls(), s.errors(), text(s.lastCall()),
                    s.hourly().stream().map(HourBucket::of).toList());
        }
    }

    record ScriptStatsList(String since, List<ScriptStats> scripts) {
    }

    record TimeBucket(String start, long calls, long errors, Long p50Us, Long p99Us) {
        static TimeBucket of(InvocationBucket b) {
            return new TimeBucket(text(b.start()), b.calls(), b.errors(), b.p50Us(), b.p99Us());
        }
    }

    record Timeseries(String script, String range, long bucketSeconds, List<TimeBucket> buckets) {
        static Timeseries of(StatsService.Timeseries t) {
            return new Timeseries(t.script(), t.range().id(), t.range().bucket.toSeconds(),
                    t.buckets().stream().map(TimeBucket::of).toList());
        }
    }

    /** The fire times as local date-times with the offset in force at each, in the schedule's zone. */
    record NextFires(String timeZone, List<String> fires) {
        static NextFires of(BindingService.NextFires f) {
            return new NextFires(f.zone().getId(), f.fires().stream()
                    .map(t -> OffsetDateTime.ofInstant(t, f.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .toList());
        }
    }

    record ClusterNode(String node, List<String> roles, String product, String startedAt, String seenAt,
                       String status) {
        static ClusterNode of(io.picloud.api.ClusterNode n) {
            return new ClusterNode(n.node(), n.roles(), n.product(), text(n.startedAt()), text(n.seenAt()),
                    n.up() ? "up" : "down");
        }
    }

    record Nodes(List<ClusterNode> nodes) {
    }

    record AuditItem(long id, String time, String actor, long keyId, String action, String target, String address,
                     String outcome, String detail) {
        static AuditItem of(AuditEntry e) {
            return new AuditItem(e.id(), text(e.time()), e.actor(), e.keyId(), e.action(), e.target(), e.address(),
                    e.outcome(), e.detail());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Audit(List<AuditItem> entries, Long nextBefore) {
    }

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    /** A role from its id; a 400 naming {@code field} when it names none. */
    static Role role(String id, String field) {
        if (id == null) {
            return null;
        }
        for (Role r : Role.values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw ApiException.badRequest(field, "\"" + field + "\" must be owner, admin, developer or viewer");
    }
}
