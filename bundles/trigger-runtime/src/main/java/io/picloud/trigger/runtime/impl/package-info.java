/** The trigger runtime: binding lifecycle and status, dispatch of fired events, exactly-once claims. */
package io.picloud.trigger.runtime.impl;
