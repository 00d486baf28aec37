/** The HTTP trigger's private implementation: the /fn servlet, request maps, answers and JSON conversion. */
package io.picloud.fn.impl;
