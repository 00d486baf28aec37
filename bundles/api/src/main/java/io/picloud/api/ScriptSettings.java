package io.picloud.api;

import java.util.List;
import java.util.Map;

/**
 * A script's settings for the host APIs, kept with the script (not per version). Changing them takes effect at
 * the script's next run on every node.
 *
 * @param kvNamespace the {@code kv} namespace the script uses; null means its own (named like the script). Several
 *                    scripts of one owner may share a named namespace.
 * @param allowHosts  host names {@code http::*} may reach ({@code *.example.com} matches sub-domains); null means
 *                    the operator's default (any public host unless configured)
 * @param config      plain settings the script reads as the constant map {@code config}; never null
 */
public record ScriptSettings(String kvNamespace, List<String> allowHosts, Map<String, Object> config) {
    public static final ScriptSettings DEFAULT = new ScriptSettings(null, null, Map.of());

    public ScriptSettings {
        allowHosts = allowHosts == null ? null : List.copyOf(allowHosts);
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** The namespace {@code kv} uses for script {@code script}. */
    public String kvNamespaceOf(String script) {
        return kvNamespace == null ? script : kvNamespace;
    }

    public ScriptSettings withKvNamespace(String namespace) {
        return new ScriptSettings(namespace, allowHosts, config);
    }

    public ScriptSettings withAllowHosts(List<String> hosts) {
        return new ScriptSettings(kvNamespace, hosts, config);
    }

    public ScriptSettings withConfig(Map<String, Object> newConfig) {
        return new ScriptSettings(kvNamespace, allowHosts, newConfig);
    }
}
