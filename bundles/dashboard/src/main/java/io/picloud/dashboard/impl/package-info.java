/**
 * The dashboard's private implementation: the table of built files held in memory (pre-gzipped, with entity tags
 * and cache rules), the answers for them at {@code /}, and the SPA fallback to {@code index.html}.
 */
package io.picloud.dashboard.impl;
