package io.picloud.trigger.mqtt.impl;

import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerConfigs;
import org.eclipse.paho.client.mqttv3.MqttTopic;

import java.util.Map;
import java.util.Set;

/** A validated mqtt binding configuration. */
record MqttConfig(String broker, String topic, int qos) {
    static final Set<String> FIELDS = Set.of("broker", "topic", "qos");

    static final String SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
            + "\"required\":[\"topic\"],\"additionalProperties\":false,\"properties\":{"
            + "\"broker\":{\"type\":\"string\",\"default\":\"default\",\"pattern\":\"^[A-Za-z0-9._-]{1,64}$\","
            + "\"description\":\"name of a broker connection (etc/io.picloud.trigger.mqtt.broker-<name>.cfg); "
            + "'default' is tcp://127.0.0.1:1883 unless configured\"},"
            + "\"topic\":{\"type\":\"string\",\"description\":\"topic filter; + and # wildcards allowed\","
            + "\"examples\":[\"sensors/+/temperature\",\"home/#\"]},"
            + "\"qos\":{\"enum\":[0,1],\"default\":0,\"description\":\"subscription quality of service\"}}}";

    static MqttConfig of(Map<String, Object> config) throws TriggerConfigException {
        TriggerConfigs.onlyKnown(config, FIELDS);
        String broker = TriggerConfigs.string(config, "broker", BrokerSettings.DEFAULT_NAME);
        if (!broker.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new TriggerConfigException("broker", "must be a broker name of letters, digits, '.', '_', '-'");
        }
        Object rawTopic = config.get("topic");
        if (!(rawTopic instanceof String) || ((String) rawTopic).isEmpty()) {
            throw new TriggerConfigException("topic", "is required (a topic filter such as sensors/+/temperature)");
        }
        String topic = (String) rawTopic;
        try {
            MqttTopic.validate(topic, true);
        } catch (IllegalArgumentException e) {
            throw new TriggerConfigException("topic", "is not a valid MQTT topic filter: " + e.getMessage());
        }
        int qos = (int) TriggerConfigs.integer(config, "qos", 0, 0, 1);
        return new MqttConfig(broker, topic, qos);
    }
}
