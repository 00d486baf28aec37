/** The orchestrator's private implementation: the Dispatcher component and its active-version cache. */
package io.picloud.orchestrator.impl;
