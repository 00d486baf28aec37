package io.picloud.manager.impl.rest;

import java.util.Locale;

import io.picloud.api.control.StatsService;
import io.picloud.api.control.StatsService.Range;

/** {@code /stats/**} over the {@link StatsService}: what the dashboard's sparklines and charts draw. */
final class StatsRoutes {
    private final StatsService stats;

    StatsRoutes(StatsService stats) {
        this.stats = stats;
    }

    void register(RouteTable t) {
        t.add("GET", "/stats/scripts", this::scripts)
                .add("GET", "/stats/timeseries", this::timeseries);
    }

    private ApiResponse scripts(Call c) {
        StatsService.ScriptStatsList list = stats.scripts(c.principal());
        return ApiResponse.ok(new Bodies.ScriptStatsList(Bodies.text(list.since()),
                list.scripts().stream().map(Bodies.ScriptStats::of).toList()));
    }

    private ApiResponse timeseries(Call c) {
        String script = c.query("script");
        return ApiResponse.ok(Bodies.Timeseries.of(stats.timeseries(c.principal(),
                script == null || script.isEmpty() ? null : script, range(c.query("range")))));
    }

    private static Range range(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Range.HOUR;
        }
        for (Range r : Range.values()) {
            if (r.id().equals(raw.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw ApiException.badRequest("range", "range must be hour or day");
    }
}
