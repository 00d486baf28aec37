package io.picloud.trigger.mqtt.impl;

/** How to reach one broker. {@link #toString()} masks the password. */
record BrokerSettings(String name, String url, String username, String password, String clientId) {
    static final String DEFAULT_NAME = "default";
    static final BrokerSettings BUILT_IN_DEFAULT = new BrokerSettings(DEFAULT_NAME, "tcp://127.0.0.1:1883", null,
            null, null);

    @Override
    public String toString() {
        return "BrokerSettings[name=" + name + ", url=" + url + ", username=" + username + ", password="
                + (password == null ? "none" : "***") + ", clientId=" + clientId + "]";
    }
}
