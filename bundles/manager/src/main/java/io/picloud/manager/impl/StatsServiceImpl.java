package io.picloud.manager.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.picloud.api.InvocationBucket;
import io.picloud.api.InvocationStats;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.Principal;
import io.picloud.api.control.StatsService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link StatsService}: the readable scripts and the windows; the counting is the store's (in PostgreSQL). */
@Component(service = StatsService.class)
public class StatsServiceImpl implements StatsService {
    static final Duration HOUR = Duration.ofHours(1);
    static final int HOURS = 24;
    private final InvocationStats stats;
    private final ScriptRights rights;
    private final Clock clock;

    @Activate
    public StatsServiceImpl(@Reference InvocationStats stats, @Reference ScriptStore scripts,
                            @Reference AuditLog audit) {
        this(stats, scripts, audit, Clock.systemUTC());
    }

    StatsServiceImpl(InvocationStats stats, ScriptStore scripts, AuditLog audit, Clock clock) {
        this.stats = stats;
        this.rights = new ScriptRights(scripts, audit);
        this.clock = clock;
    }

    @Override
    public ScriptStatsList scripts(Principal p) {
        Set<String> names = rights.readableNames(p);
        Instant since = firstBucket(clock.instant(), HOUR, HOURS);
        Map<String, List<InvocationBucket>> counts = stats.counts(names, since, HOUR, HOURS);
        Map<String, Instant> last = names.isEmpty() ? Map.of() : stats.lastCalls(names);
        List<ScriptStats> out = new ArrayList<>();
        for (String name : names) {
            List<InvocationBucket> hourly = counts.getOrDefault(name, List.of());
            long calls = hourly.stream().mapToLong(InvocationBucket::calls).sum();
            long errors = hourly.stream().mapToLong(InvocationBucket::errors).sum();
            out.add(new ScriptStats(name, calls, errors, last.get(name), hourly));
        }
        return new ScriptStatsList(since, out);
    }

    @Override
    public Timeseries timeseries(Principal p, String script, Range range) {
        Set<String> names;
        if (script == null) {
            names = rights.readableNames(p);
        } else {
            rights.readable(p, script);
            names = Set.of(script);
        }
        Instant since = firstBucket(clock.instant(), range.bucket, range.buckets);
        return new Timeseries(script, range, stats.series(names, since, range.bucket, range.buckets));
    }

    /** The start of the first of {@code count} buckets of {@code width}, aligned to the epoch, the last holding now. */
    static Instant firstBucket(Instant now, Duration width, int count) {
        long w = width.toMillis();
        long current = Math.floorDiv(now.toEpochMilli(), w) * w;
        return Instant.ofEpochMilli(current - (count - 1) * w);
    }
}
