/** The http route trigger plugin: route patterns, the routing table and the /r servlet. */
package io.picloud.trigger.httproute.impl;
