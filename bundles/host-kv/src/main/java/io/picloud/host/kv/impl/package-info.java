/** The kv host API (placeholder until its classes land). */
package io.picloud.host.kv.impl;
