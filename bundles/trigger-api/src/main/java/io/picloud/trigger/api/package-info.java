/**
 * The trigger plugin SPI. A trigger plugin is one OSGi bundle that registers a {@link io.picloud.trigger.api.TriggerType}
 * service; the trigger runtime opens every stored binding of that type through it and closes them when the plugin
 * leaves. This package is the only PiCloud package a plugin imports. See {@code docs/plugins/writing-a-trigger.md}.
 *
 * <p>Versions: 0.2 added {@link io.picloud.trigger.api.ValidationContext} and
 * {@code TriggerType.validate(config, context)} (a default method: 0.1 plugins keep working). 0.6 added the optional
 * {@link io.picloud.trigger.api.ScheduledTriggerType} (with {@link io.picloud.trigger.api.FireTimes}): a type that
 * fires on a schedule tells its next fire times. 0.7 added {@code TriggerDescriptor.respondsToRequests}: the events of
 * every other type are queued as durable runs (retries, dead letters) and {@code fire} completes once queued;
 * {@code TriggerCallback.starting} (a binding open but not receiving yet: {@code STARTING}) and
 * {@code TriggerCallback.tryClaim} with {@link io.picloud.trigger.api.ClaimOutcome} (a claim that could not be recorded
 * is told apart from one another node has). 0.8 added {@code TriggerCallback.mayFireInline}; the HTTP endpoint
 * interfaces, formerly in {@code io.picloud.trigger.api.http}, moved to their own bundle and package
 * {@code io.picloud.http.api} (not part of this SPI: the HTTP server, the REST API and {@code /health} use them too).
 *
 * <p>Lifecycle: {@code validate} (manager, on create/update) → {@code open} (runtime, once per enabled binding) →
 * {@code TriggerCallback.fire} (plugin, per event) → {@code TriggerHandle.close} (runtime, on disable, update,
 * delete, or when either side stops).
 */
@org.osgi.annotation.versioning.Version("0.8.0")
package io.picloud.trigger.api;
