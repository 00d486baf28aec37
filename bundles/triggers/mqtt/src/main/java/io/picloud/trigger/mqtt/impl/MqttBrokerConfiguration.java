package io.picloud.trigger.mqtt.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One broker connection setting, from {@code etc/io.picloud.trigger.mqtt.broker-<name>.cfg}. The trigger type
 * picks these up dynamically; a changed file replaces the connection (bindings move to the new one).
 */
@Component(service = MqttBrokerConfiguration.class, configurationPid = MqttBrokerConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MqttBrokerConfiguration.Config.class, factory = true)
public class MqttBrokerConfiguration {
    static final String FACTORY_PID = "io.picloud.trigger.mqtt.broker";

    @ObjectClassDefinition(name = "PiCloud MQTT broker", description = "A broker that mqtt trigger bindings "
            + "name in config.broker.")
    public @interface Config {
        @AttributeDefinition(description = "Name used by bindings in config.broker")
        String name() default BrokerSettings.DEFAULT_NAME;

        @AttributeDefinition(description = "Broker URL: tcp://host:1883 or ssl://host:8883")
        String url() default "tcp://127.0.0.1:1883";

        @AttributeDefinition(description = "User name; empty for anonymous access", required = false)
        String username() default "";

        @AttributeDefinition(description = "Password", type = AttributeType.PASSWORD, required = false)
        String password() default "";

        @AttributeDefinition(description = "MQTT client id; empty = picloud-<name>-<random> (unique per node)",
                required = false)
        String clientId() default "";
    }

    private final BrokerSettings settings;

    @Activate
    public MqttBrokerConfiguration(Config config) {
        this.settings = new BrokerSettings(config.name().trim(), config.url().trim(), blankToNull(config.username()),
                blankToNull(config.password()), blankToNull(config.clientId()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    BrokerSettings settings() {
        return settings;
    }
}
