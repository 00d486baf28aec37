/** The cron trigger plugin: schedule parsing ({@link io.picloud.trigger.cron.impl.Schedules}) and the timer. */
package io.picloud.trigger.cron.impl;
