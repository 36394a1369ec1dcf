package org.gatehouse.resource.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Nodes, always scoped to their owner. */
@ApplicationScoped
public class NodeRepository implements PanacheRepositoryBase<Node, UUID> {

    public Optional<Node> findOwned(UUID ownerId, UUID id) {
        return find("id = :id and ownerId = :owner", Parameters.with("id", id).and("owner", ownerId))
                .firstResultOptional();
    }

    /**
     * One page, newest first, after the keyset position {@code (afterCreated, afterId)} when given.
     * Fetches {@code limit + 1} rows so the caller knows whether another page exists.
     */
    public List<Node> page(UUID ownerId, String type, String tag, OffsetDateTime afterCreated, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("ownerId = :owner");
        Parameters parameters = Parameters.with("owner", ownerId);
        if (type != null) {
            query.append(" and type = :type");
            parameters.and("type", type);
        }
        if (tag != null) {
            query.append(" and array_contains(tags, :tag)");
            parameters.and("tag", tag);
        }
        if (afterCreated != null) {
            query.append(" and (createdAt < :created or (createdAt = :created and id < :id))");
            parameters.and("created", afterCreated).and("id", afterId);
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), parameters).page(0, limit + 1).list();
    }

    public boolean deleteOwned(UUID ownerId, UUID id) {
        return delete("id = :id and ownerId = :owner", Parameters.with("id", id).and("owner", ownerId)) > 0;
    }
}
