package org.gatehouse.resource.node;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One page of nodes and the opaque cursor of the next page (null on the last one). */
public record NodePage(List<NodeView> data, @JsonProperty("next_cursor") String nextCursor) {
}
