/** The script endpoints /fn/{name}: the endpoint and its queued (respond-async) runs; the mapping lives in io.picloud.http.script. */
package io.picloud.fn.impl;
