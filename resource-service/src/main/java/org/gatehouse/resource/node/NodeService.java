package org.gatehouse.resource.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.resource.repository.Node;
import org.gatehouse.resource.repository.NodeRepository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** A user's nodes: validation and the owner rule (a user only ever reaches their own nodes). */
@ApplicationScoped
public class NodeService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_:.-]{1,32}");
    private static final int MAX_TITLE = 200;
    private static final int MAX_CONTENT = 32 * 1024;
    private static final int MAX_TAGS = 20;

    private final NodeRepository nodes;

    public NodeService(NodeRepository nodes) {
        this.nodes = nodes;
    }

    public NodePage list(UUID owner, String type, String tag, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw OAuthException.invalidRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        if (type != null) {
            checkType(type);
        }
        if (tag != null) {
            checkTag(tag);
        }
        NodeCursor after = cursor == null || cursor.isEmpty() ? null : NodeCursor.decode(cursor);
        List<Node> rows = nodes.page(owner, type, tag, after == null ? null : after.createdAt(),
                after == null ? null : after.id(), size);
        boolean more = rows.size() > size;
        List<Node> page = more ? rows.subList(0, size) : rows;
        Node last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = more ? new NodeCursor(last.createdAt, last.id).encode() : null;
        return new NodePage(page.stream().map(NodeView::of).toList(), next);
    }

    public NodeView get(UUID owner, UUID id) {
        return NodeView.of(owned(owner, id));
    }

    @Transactional
    public NodeView create(UUID owner, NodeInput input) {
        if (input == null || input.title() == null || input.type() == null) {
            throw OAuthException.invalidRequest("type and title are required");
        }
        Node node = new Node();
        node.id = UUID.randomUUID();
        node.ownerId = owner;
        node.createdAt = now();
        apply(node, input, true);
        nodes.persist(node);
        return NodeView.of(node);
    }

    /** PUT: replaces every writable field. */
    @Transactional
    public NodeView replace(UUID owner, UUID id, NodeInput input) {
        if (input == null || input.title() == null || input.type() == null) {
            throw OAuthException.invalidRequest("type and title are required");
        }
        Node node = owned(owner, id);
        apply(node, input, true);
        return NodeView.of(node);
    }

    /** PATCH: changes only the fields given. */
    @Transactional
    public NodeView patch(UUID owner, UUID id, NodeInput input) {
        if (input == null) {
            throw OAuthException.invalidRequest("A JSON object with the fields to change is required");
        }
        Node node = owned(owner, id);
        apply(node, input, false);
        return NodeView.of(node);
    }

    @Transactional
    public void delete(UUID owner, UUID id) {
        if (!nodes.deleteOwned(owner, id)) {
            throw notFound();
        }
    }

    private Node owned(UUID owner, UUID id) {
        return nodes.findOwned(owner, id).orElseThrow(NodeService::notFound);
    }

    private void apply(Node node, NodeInput input, boolean replaceAll) {
        if (input.type() != null) {
            node.type = checkType(input.type());
        }
        if (input.title() != null) {
            if (input.title().isBlank() || input.title().length() > MAX_TITLE) {
                throw OAuthException.invalidRequest("title must be 1 to " + MAX_TITLE + " characters");
            }
            node.title = input.title();
        }
        if (input.content() != null || replaceAll) {
            String content = input.content() == null ? "" : input.content();
            if (content.length() > MAX_CONTENT) {
                throw OAuthException.invalidRequest("content is limited to " + MAX_CONTENT + " characters");
            }
            node.content = content;
        }
        if (input.tags() != null || replaceAll) {
            List<String> tags = input.tags() == null ? List.of() : input.tags();
            if (tags.size() > MAX_TAGS) {
                throw OAuthException.invalidRequest("at most " + MAX_TAGS + " tags");
            }
            tags.forEach(NodeService::checkTag);
            node.tags = new ArrayList<>(new LinkedHashSet<>(tags));
        }
        node.updatedAt = now();
    }

    private static String checkType(String type) {
        if (!TYPE.matcher(type).matches()) {
            throw OAuthException.invalidRequest("type must be 1-32 characters of a-z, 0-9, _ or -");
        }
        return type;
    }

    private static String checkTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw OAuthException.invalidRequest("tags are 1-32 letters, digits or _:.-");
        }
        return tag;
    }

    // Microseconds: what PostgreSQL stores, so a cursor compares equal to the stored value.
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static OAuthException notFound() {
        return new OAuthException(OAuthError.NOT_FOUND, "No such node");
    }
}
