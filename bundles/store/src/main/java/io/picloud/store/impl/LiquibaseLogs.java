package io.picloud.store.impl;

import java.util.logging.Level;

import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Routes Liquibase's own logging to SLF4J: warnings and errors at their level, everything else at DEBUG, so a
 * migration shows only PiCloud's one INFO line per applied change set.
 */
final class LiquibaseLogs extends AbstractLogService {
    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public Logger getLog(Class clazz) {
        org.slf4j.Logger log = LoggerFactory.getLogger("liquibase." + (clazz == null ? "core" : clazz.getSimpleName()));
        return new AbstractLogger() {
            @Override
            public void log(Level level, String message, Throwable e) {
                if (level == null || level == Level.OFF) {
                    return;
                }
                int v = level.intValue();
                if (v >= Level.SEVERE.intValue()) {
                    log.error(message, e);
                } else if (v >= Level.WARNING.intValue()) {
                    log.warn(message, e);
                } else if (log.isDebugEnabled()) {
                    log.debug(message, e);
                }
            }
        };
    }
}
