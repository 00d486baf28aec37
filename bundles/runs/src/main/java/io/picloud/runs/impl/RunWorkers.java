package io.picloud.runs.impl;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.picloud.api.Dispatcher;
import io.picloud.api.RunStore;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's run workers ({@link WorkerLoop}) over the {@link RunStore}, dispatching through the
 * {@link Dispatcher}, under the node name the trigger runtime and the cluster heartbeat use (the JVM's
 * {@code pid@host}). Also the {@link MetricSource} of the queue. A changed configuration restarts the loop:
 * attempts running then finish first.
 */
@Component(service = MetricSource.class, configurationPid = RunWorkers.PID, immediate = true)
@Designate(ocd = RunWorkers.Config.class)
public class RunWorkers implements MetricSource {
    static final String PID = "io.picloud.runs";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Logger logger = LoggerFactory.getLogger(RunWorkers.class);

    @ObjectClassDefinition(name = "PiCloud run workers",
            description = "Run queued runs (async invocations, trigger firings) on this node.")
    public @interface Config {
        @AttributeDefinition(description = "Runs this node runs at once")
        int threads() default 16;

        @AttributeDefinition(description = "Seconds a taken run is leased to this node; renewed every third of it. "
                + "A node that stops renewing loses its runs to the others once this has passed.")
        int leaseSeconds() default 30;

        @AttributeDefinition(description = "Days succeeded runs are kept (0: forever)")
        int retentionDays() default 7;

        @AttributeDefinition(description = "Days dead letters are kept (0: forever)")
        int deadLetterRetentionDays() default 30;

        @AttributeDefinition(description = "Seconds between looks at the queue when nothing wakes the workers "
                + "(the only timer when idle; pruning happens on it)")
        int sweepSeconds() default 60;
    }

    private final RunStore store;
    private final Attempt attempt;
    private final String node;
    private final RunMetrics metrics;
    private volatile WorkerLoop loop;

    @Activate
    public RunWorkers(@Reference RunStore store, @Reference Dispatcher dispatcher, Config config) {
        this(store, dispatcher, ManagementFactory.getRuntimeMXBean().getName(), config);
    }

    RunWorkers(RunStore store, Dispatcher dispatcher, String node, Config config) {
        this.store = store;
        this.node = node;
        this.attempt = new Attempt(store, dispatcher, new Attempts(b -> ThreadLocalRandom.current().nextLong(b + 1)));
        this.metrics = new RunMetrics(store, () -> {
            WorkerLoop l = loop;
            return l == null ? 0 : l.busy();
        });
        start(config);
    }

    @Modified
    void modified(Config config) {
        stop();
        start(config);
    }

    @Deactivate
    void stop() {
        WorkerLoop l = loop;
        loop = null;
        if (l != null) {
            l.stop(STOP_GRACE);
        }
    }

    @Override
    public void collect(MetricWriter out) {
        metrics.collect(out);
    }

    private void start(Config config) {
        WorkerLoop.Settings settings = settings(config);
        WorkerLoop l = new WorkerLoop(store, attempt, node, settings, metrics);
        loop = l;
        l.start();
        logger.debug("Run workers of {}: {}", node, settings);
    }

    static WorkerLoop.Settings settings(Config c) {
        return new WorkerLoop.Settings(Math.max(1, c.threads()), Duration.ofSeconds(Math.max(1, c.leaseSeconds())),
                Duration.ofSeconds(Math.max(1, c.sweepSeconds())), Duration.ofDays(Math.max(0, c.retentionDays())),
                Duration.ofDays(Math.max(0, c.deadLetterRetentionDays())));
    }
}
