/** The MQTT trigger plugin: broker connections (factory configurations) and topic subscriptions. */
package io.picloud.trigger.mqtt.impl;
