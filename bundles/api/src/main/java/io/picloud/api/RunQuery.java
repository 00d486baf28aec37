package io.picloud.api;

import java.util.Set;

/**
 * Which runs to list, newest first.
 *
 * @param script   only this script's runs; null for all
 * @param scripts  only runs of these scripts (a developer sees their own); null for all
 * @param status   only runs in this status; null for all
 * @param replayed for dead letters: null for all, false for those not replayed yet, true for replayed ones
 * @param before   only runs with a smaller id (paging); 0 for none
 * @param limit    at most this many (1..500)
 */
public record RunQuery(String script, Set<String> scripts, String status, Boolean replayed, long before, int limit) {
}
