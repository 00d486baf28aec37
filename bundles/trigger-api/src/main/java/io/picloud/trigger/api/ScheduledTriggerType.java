package io.picloud.trigger.api;

import java.time.Instant;
import java.util.Map;

/**
 * Optional for a {@link TriggerType} whose bindings fire on a schedule (such as {@code cron}): the same service
 * object implements this interface too, and the manager asks it for the next fire times of a binding or of a
 * configuration not yet saved (the dashboard shows them). A type without a schedule simply does not implement it.
 *
 * <p>The times must come from the code that fires the bindings, so that what clients see is what happens: the
 * binding's time zone, daylight-saving gaps and repeats, and from where the timer resumes.
 *
 * <p><b>Threading.</b> May be called concurrently from any thread; must not block (no I/O).
 *
 * @since 0.6
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ScheduledTriggerType {
    /**
     * The next {@code count} times an enabled binding with {@code config} fires after {@code after}, oldest first.
     * Fewer when the schedule ends (none further within the plugin's horizon).
     *
     * @param config    the binding configuration (JSON-like values, as for {@link TriggerType#validate(Map)})
     * @param after     the times returned are strictly after this instant
     * @param count     how many, at least 1
     * @return the zone the schedule's fields are read in, and the times
     * @throws TriggerConfigException the configuration is invalid, naming the field (as {@code validate} would)
     */
    FireTimes nextFires(Map<String, Object> config, Instant after, int count)
            throws TriggerConfigException;
}
