package org.gatehouse.resource.node;

import java.util.List;

/** The writable fields of a node; null means "not given" (PATCH keeps the stored value). */
public record NodeInput(String type, String title, String content, List<String> tags) {
}
