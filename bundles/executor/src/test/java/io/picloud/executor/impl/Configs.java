package io.picloud.executor.impl;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds {@link RhaiScriptExecutor.Config} instances: the annotation's defaults, overridden by a map. */
final class Configs {
    private Configs() {
    }

    static RhaiScriptExecutor.Config of(Map<String, Object> overrides) {
        return (RhaiScriptExecutor.Config) Proxy.newProxyInstance(Configs.class.getClassLoader(),
                new Class<?>[]{RhaiScriptExecutor.Config.class}, (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getName().equals("annotationType")) {
                        return RhaiScriptExecutor.Config.class;
                    }
                    return method.getDefaultValue();
                });
    }
}
