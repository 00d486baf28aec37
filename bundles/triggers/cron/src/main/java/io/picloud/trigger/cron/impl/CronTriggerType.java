package io.picloud.trigger.cron.impl;

import io.picloud.trigger.api.FireTimes;
import io.picloud.trigger.api.ScheduledTriggerType;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The {@code cron} trigger type. One timer thread for all bindings, sleeping until the next due time (no polling);
 * runs execute on the runtime's threads, never on the timer. Its next fire times ({@link ScheduledTriggerType}) are
 * the due times the timer would arm, from the same {@link CronConfig}.
 */
@Component(service = TriggerType.class, property = TriggerType.PROPERTY_TYPE + "=cron")
public class CronTriggerType implements TriggerType, ScheduledTriggerType {
    static final TriggerDescriptor DESCRIPTOR = new TriggerDescriptor("cron", "Schedule",
            "Runs the script on a cron schedule or at a fixed interval, in a chosen time zone; once per due time "
                    + "across the cluster.", CronConfig.SCHEMA);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;

    @Activate
    public CronTriggerType() {
        this(Clock.systemUTC());
    }

    CronTriggerType(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "picloud-cron");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public TriggerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Map<String, Object> config) throws TriggerConfigException {
        CronConfig.of(config, clock.instant());
    }

    @Override
    public FireTimes nextFires(Map<String, Object> config, Instant after, int count) throws TriggerConfigException {
        CronConfig cron = CronConfig.of(config, after);
        return new FireTimes(cron.zone(), cron.dueTimes(after, Math.max(1, count)));
    }

    @Override
    public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) throws TriggerException {
        CronJob job = new CronJob(binding, CronConfig.of(binding.config(), clock.instant()), callback, timer, clock);
        job.start();
        return job;
    }
}
