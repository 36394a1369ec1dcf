package org.gatehouse.resource.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.gatehouse.resource.repository.Node;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A node as the API shows it. */
public record NodeView(UUID id, String type, String title, String content, List<String> tags,
                       @JsonProperty("created_at") OffsetDateTime createdAt,
                       @JsonProperty("updated_at") OffsetDateTime updatedAt) {

    static NodeView of(Node node) {
        return new NodeView(node.id, node.type, node.title, node.content, List.copyOf(node.tags),
                node.createdAt, node.updatedAt);
    }
}
