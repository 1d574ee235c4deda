package dev.roberto.gateway.allowlist;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An agent's allow-list as the endpoint returns it. Without a list ({@code restricted} false),
 * {@code models} contains every configured model, and {@code updatedAt} and {@code updatedBy} are
 * absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelAllowListView(
    String agentId, boolean restricted, List<String> models, Instant updatedAt, String updatedBy) {}
