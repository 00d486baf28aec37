package io.picloud.metrics.impl;

import io.picloud.api.metrics.MetricSource;
import io.picloud.http.api.HttpEndpoint;
import io.picloud.http.api.HttpExchange;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code GET /metrics}: every {@link MetricSource} registered in this container, asked at each scrape, and the
 * JVM's own metrics (Prometheus client's {@code instrumentation-jvm}), in the Prometheus text format. Loopback
 * clients only, or a bearer token (see {@link MetricsAccess}).
 */
@Component(service = HttpEndpoint.class, configurationPid = MetricsEndpoint.PID,
        property = HttpEndpoint.PREFIX + "=" + MetricsEndpoint.PREFIX)
@Designate(ocd = MetricsEndpoint.Config.class)
public class MetricsEndpoint implements HttpEndpoint {
    static final String PID = "io.picloud.metrics";
    static final String PREFIX = "/metrics";
    private static final Logger logger = LoggerFactory.getLogger(MetricsEndpoint.class);

    @ObjectClassDefinition(name = "PiCloud metrics", description = "GET /metrics in Prometheus text format.")
    public @interface Config {
        @AttributeDefinition(description = "Bearer token that lets a client other than loopback read /metrics; "
                + "empty: loopback clients only")
        String token() default "";
    }

    private final List<MetricSource> sources = new CopyOnWriteArrayList<>();
    /** The JVM collectors, in a registry of this component's own (never the client's static default one). */
    private final PrometheusRegistry jvm = new PrometheusRegistry();
    private final PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();
    private volatile MetricsAccess access;

    @Activate
    public MetricsEndpoint(Config config) {
        JvmMetrics.builder().register(jvm);
        modified(config);
    }

    @Modified
    void modified(Config config) {
        access = new MetricsAccess(config.token());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSource(MetricSource source) {
        sources.add(source);
    }

    void removeSource(MetricSource source) {
        sources.remove(source);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.pathWithinPrefix().isEmpty()) {
            error(exchange, 404, Map.of(), "not_found", "no such path; use /metrics");
            return;
        }
        if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            error(exchange, 405, Map.of("Allow", "GET, HEAD"), "method_not_allowed", "use GET");
            return;
        }
        switch (access.check(exchange.remoteAddress(), exchange.header("Authorization"))) {
            case ALLOW -> exchange.respond(200, Map.of(), format.getContentType(), scrape());
            case UNAUTHENTICATED -> error(exchange, 401, Map.of("WWW-Authenticate", "Bearer realm=\"picloud-metrics\""),
                    "unauthorized", "metrics need Authorization: Bearer <metrics token> from this address");
            case FORBIDDEN -> error(exchange, 403, Map.of(), "forbidden",
                    "metrics are served to loopback clients only (set a metrics token to allow others)");
        }
    }

    /** The exposition: the sources' metrics, then the JVM's (a name a source already used is not repeated). */
    byte[] scrape() throws IOException {
        SnapshotWriter writer = new SnapshotWriter();
        for (MetricSource source : sources) {
            try {
                source.collect(writer);
            } catch (RuntimeException e) {
                logger.debug("A metric source failed: {}", e.toString()); // its values written so far stay
            }
        }
        List<MetricSnapshot> all = new ArrayList<>(writer.snapshots());
        Set<String> names = new HashSet<>();
        all.forEach(s -> names.add(s.getMetadata().getPrometheusName()));
        for (MetricSnapshot s : jvm.scrape()) {
            if (names.add(s.getMetadata().getPrometheusName())) {
                all.add(s);
            }
        }
        if (writer.skipped() > 0) {
            logger.debug("{} metric values left out of a scrape (invalid or repeated)", writer.skipped());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        format.write(out, new MetricSnapshots(all));
        return out.toByteArray();
    }

    private static void error(HttpExchange exchange, int status, Map<String, String> headers, String code,
                              String message) throws IOException {
        String json = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
        exchange.respond(status, headers, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
