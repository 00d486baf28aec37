package io.picloud.trigger.runtime.impl;

import io.picloud.api.BindingChangeListener;
import io.picloud.api.BindingStatusStore;
import io.picloud.api.control.EndpointAccess;
import io.picloud.api.control.RateLimiter;
import io.picloud.api.BindingStore;
import io.picloud.api.ClaimStore;
import io.picloud.api.Dispatcher;
import io.picloud.api.RunStore;
import io.picloud.api.TriggerStatus;
import io.picloud.api.TriggerStatusService;
import io.picloud.trigger.api.TriggerType;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trigger runtime service: collects every {@link TriggerType} (multiple, dynamic, greedy), opens the stored
 * bindings through them, and hears binding changes from the {@link BindingStore}. While the store cannot be read
 * it retries with back-off (no polling once loaded). Events of types that do not respond to requests are queued in
 * the {@link RunStore} (the run workers run them, with retries); the others run on this component's threads. Due times are claimed exactly once across the cluster in the
 * {@link ClaimStore}, as this node, with the {@code claimRetentionDays} setting.
 */
@Component(service = {TriggerStatusService.class, BindingChangeListener.class},
        configurationPid = "io.picloud.trigger.runtime", immediate = true)
@Designate(ocd = TriggerRuntimeComponent.Config.class)
public class TriggerRuntimeComponent implements TriggerStatusService, BindingChangeListener {
    private static final Logger logger = LoggerFactory.getLogger(TriggerRuntimeComponent.class);

    @ObjectClassDefinition(name = "PiCloud trigger runtime", description = "Runs trigger bindings on this node.")
    public @interface Config {
        @AttributeDefinition(description = "Threads running scripts fired by request triggers (http routes, "
                + "webhooks) and queueing the runs of all others (idle threads end)")
        int threads() default 4;

        @AttributeDefinition(description = "Fired events waiting for a thread; more are refused")
        int queueSize() default 1_000;

        @AttributeDefinition(description = "Days an exactly-once claim is kept")
        int claimRetentionDays() default 7;

        @AttributeDefinition(description = "Seconds between reports of this node's binding statuses to the "
                + "database (the manager of a cluster shows them; besides, each change is reported at once)")
        int statusRefreshSeconds() default 30;
    }

    private final TriggerRuntime runtime;
    private final StatusReporter reporter;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor retries;
    private ScheduledFuture<?> retry;
    private long retryMillis = 1_000;

    @Activate
    public TriggerRuntimeComponent(@Reference BindingStore store, @Reference Dispatcher dispatcher,
                                   @Reference RunStore runs, @Reference BindingStatusStore statusStore,
                                   @Reference ClaimStore claimStore,
                                   @Reference EndpointAccess access, @Reference RateLimiter limiter,
                                   Config config) {
        AtomicInteger count = new AtomicInteger();
        int threads = Math.max(1, config.threads());
        workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queueSize())), r -> {
            Thread t = new Thread(r, "picloud-trigger-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        retries = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "picloud-trigger-runtime");
            t.setDaemon(true);
            return t;
        });
        retries.setRemoveOnCancelPolicy(true);
        String node = ManagementFactory.getRuntimeMXBean().getName();
        runtime = new TriggerRuntime(store, dispatcher, runs,
                Claims.of(claimStore, node, config.claimRetentionDays()), workers, Clock.systemUTC());
        runtime.setEndpointAccess(access);
        runtime.requestLimits().setLimiter(limiter);
        reporter = new StatusReporter(statusStore, node, runtime::statuses, retries);
        runtime.onStatusChange(reporter::changed);
        reporter.start(Duration.ofSeconds(Math.max(1, config.statusRefreshSeconds())));
    }

    @Activate
    void activate() {
        retries.execute(this::load);
    }

    @Override
    public String node() {
        return reporter.node();
    }


    @Deactivate
    void deactivate() {
        retries.shutdownNow();
        runtime.stop();
        workers.shutdown();
        reporter.stopped();
    }

    /** Loads the bindings; on a store outage retries with back-off (1 s doubling to 60 s). */
    private void load() {
        try {
            runtime.start();
            retryMillis = 1_000;
            logger.debug("Trigger runtime started with {} binding(s)", runtime.statuses().size());
        } catch (RuntimeException e) {
            logger.warn("Trigger bindings could not be loaded ({}); retrying in {} s", e.getMessage(),
                    retryMillis / 1000);
            scheduleReload();
        }
    }

    private synchronized void scheduleReload() {
        if (retry != null && !retry.isDone()) {
            return;
        }
        try {
            retry = retries.schedule(this::load, retryMillis, TimeUnit.MILLISECONDS);
            retryMillis = Math.min(retryMillis * 2, 60_000);
        } catch (RejectedExecutionException e) {
            logger.debug("Trigger runtime is stopping; no reload scheduled");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTriggerType(ServiceReference<TriggerType> reference, TriggerType type) {
        String id = typeId(reference, type);
        if (id != null) {
            runtime.addType(id, type);
        }
    }

    void removeTriggerType(ServiceReference<TriggerType> reference, TriggerType type) {
        String id = typeId(reference, type);
        if (id != null) {
            runtime.removeType(id, type);
        }
    }

    private static String typeId(ServiceReference<TriggerType> reference, TriggerType type) {
        Object property = reference.getProperty(TriggerType.PROPERTY_TYPE);
        if (!(property instanceof String) || ((String) property).isBlank()) {
            logger.warn("A TriggerType service from bundle '{}' has no '{}' property; ignored",
                    reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName(),
                    TriggerType.PROPERTY_TYPE);
            return null;
        }
        return (String) property;
    }

    @Override
    public void bindingChanged(String id) {
        try {
            runtime.bindingChanged(id);
        } catch (RuntimeException e) {
            logger.warn("Change of trigger binding '{}' not applied ({}); reloading all bindings later", id,
                    e.getMessage());
            scheduleReload();
        }
    }

    @Override
    public List<TriggerStatus> statuses() {
        return runtime.statuses();
    }

    @Override
    public Optional<TriggerStatus> status(String bindingId) {
        return runtime.status(bindingId);
    }

    @Override
    public List<String> installedTypes() {
        return runtime.installedTypes();
    }
}
