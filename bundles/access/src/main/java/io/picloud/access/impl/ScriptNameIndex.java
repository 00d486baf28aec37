package io.picloud.access.impl;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.picloud.api.ScriptChangeListener;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;
import io.picloud.api.control.KnownScripts;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KnownScripts}: every script name, read once ({@link ScriptStore#list}) and then grown by each change the
 * store reports (a deploy adds the name; a deleted name stays, which only costs its next caller a store read).
 * The store re-reports every stored name after its notification connection came back, so a script created
 * meanwhile is learnt then. Only a store that reports every change ({@link ScriptChangeListener#STORE_NOTIFIES})
 * is trusted; with another, every name may exist. While the names could not be read (database away at start),
 * every name may exist and the read is tried again at most every {@link #RETRY_NANOS}, and at once when the store
 * reports a change (the database answers again).
 */
@Component(service = KnownScripts.class)
public class ScriptNameIndex implements KnownScripts, ScriptChangeListener {
    static final long RETRY_NANOS = 5_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ScriptNameIndex.class);

    private final ScriptStore scripts;
    private final boolean trusted;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;
    private long nextTry = System.nanoTime();

    @Activate
    public ScriptNameIndex(
            @Reference(name = "scripts", service = ScriptStore.class) Map.Entry<Map<String, Object>, ScriptStore> store) {
        this(store.getValue(), Boolean.parseBoolean(String.valueOf(store.getKey().get(
                ScriptChangeListener.STORE_NOTIFIES))));
    }

    ScriptNameIndex(ScriptStore scripts, boolean notifies) {
        this.scripts = scripts;
        this.trusted = notifies;
        if (notifies) {
            scripts.addChangeListener(this); // before reading, so no change falls between the read and the listening
            load();
        }
    }

    @Deactivate
    void deactivate() {
        scripts.removeChangeListener(this);
    }

    @Override
    public boolean mayExist(String name) {
        if (!ScriptNames.isValid(name)) {
            return false;
        }
        if (!trusted || names.contains(name)) {
            return true;
        }
        if (!loaded) {
            load();
            return !loaded || names.contains(name);
        }
        return false;
    }

    @Override
    public void scriptChanged(String name) {
        names.add(name);
        if (trusted && !loaded) {
            load(true); // a change came through, so the store is reachable: no need to wait for the retry time
        }
    }

    private void load() {
        load(false);
    }

    private synchronized void load(boolean now) {
        if (loaded || (!now && System.nanoTime() - nextTry < 0)) {
            return;
        }
        try {
            for (ScriptSummary s : scripts.list()) {
                names.add(s.name());
            }
            loaded = true;
        } catch (RuntimeException e) {
            nextTry = System.nanoTime() + RETRY_NANOS;
            LOG.debug("Script names not read yet: {}", e.toString());
        }
    }

    int size() {
        return names.size();
    }
}
