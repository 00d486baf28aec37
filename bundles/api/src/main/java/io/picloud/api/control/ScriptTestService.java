package io.picloud.api.control;

import java.util.Map;

import io.picloud.api.Dispatcher;

/** Runs a script's active version on a made-up request ("try it"), for whoever may change the script. */
@org.osgi.annotation.versioning.ProviderType
public interface ScriptTestService {
    /** The trigger type the runs are recorded with in the invocation log. */
    String TRIGGER = "test";

    /**
     * Runs the active version of {@code name} with {@code request} as the script's {@code request} map (the map
     * {@code /fn/{name}} builds), records the run with trigger {@value #TRIGGER} and returns it. FORBIDDEN for who
     * may not change the script; UNAVAILABLE when this container runs no executor.
     */
    Dispatcher.Dispatch test(Principal p, String name, Map<String, Object> request);
}
