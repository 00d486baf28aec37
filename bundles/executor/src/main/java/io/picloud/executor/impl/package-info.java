/** The executor's private implementation: the DS component, the compile cache and the concurrency gate. */
package io.picloud.executor.impl;
