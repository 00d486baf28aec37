package io.picloud.manager.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptSettings;
import io.picloud.api.control.OperationException;
import io.picloud.store.json.ConfigJson;

/** What a script's host-API settings may hold; each refusal names its field. */
final class ScriptSettingsRules {
    static final int MAX_HOSTS = 100;
    static final int MAX_CONFIG_BYTES = 64 * 1024;
    /** A DNS name, optionally starting with {@code *.} for its sub-domains. */
    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private ScriptSettingsRules() {
    }

    /** The settings as stored: host names lower-cased; refusals as INVALID. */
    static ScriptSettings checked(ScriptSettings s) {
        if (s.kvNamespace() != null && !ScriptNames.isValid(s.kvNamespace())) {
            throw OperationException.invalid("kvNamespace",
                    "a kv namespace is named like a script: 1 to 63 characters of a-z, 0-9 and '-'");
        }
        List<String> hosts = s.allowHosts() == null ? null : normalised(s.allowHosts());
        if (ConfigJson.write(s.config()).getBytes(StandardCharsets.UTF_8).length > MAX_CONFIG_BYTES) {
            throw OperationException.invalid("config", "config is larger than " + MAX_CONFIG_BYTES + " bytes of JSON");
        }
        return new ScriptSettings(s.kvNamespace(), hosts, s.config());
    }

    private static List<String> normalised(List<String> hosts) {
        if (hosts.size() > MAX_HOSTS) {
            throw OperationException.invalid("allowHosts", "at most " + MAX_HOSTS + " host names");
        }
        return hosts.stream().map(h -> {
            String host = h == null ? "" : h.strip().toLowerCase(Locale.ROOT);
            if (host.length() > 253 || !HOST.matcher(host).matches()) {
                throw OperationException.invalid("allowHosts", "not a host name: '" + h
                        + "' (names like api.example.com, or *.example.com for its sub-domains)");
            }
            return host;
        }).distinct().toList();
    }
}
