/** The webhook trigger plugin: signature presets, the /hooks servlet and its request handling. */
package io.picloud.trigger.webhook.impl;
