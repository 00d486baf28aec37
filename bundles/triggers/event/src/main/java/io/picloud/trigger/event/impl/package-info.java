/** The event trigger plugin: the {@code emit} host function and topic bindings. */
package io.picloud.trigger.event.impl;
