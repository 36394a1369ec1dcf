package org.gatehouse.resource.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.resource.access.CallerResolver;
import org.gatehouse.resource.node.NodeInput;
import org.gatehouse.resource.node.NodePage;
import org.gatehouse.resource.node.NodeService;
import org.gatehouse.resource.node.NodeView;

import java.net.URI;
import java.util.UUID;

/** The user's data nodes: {@code read:nodes} to read, {@code write:nodes} to change, {@code delete:nodes} to delete. */
@Path("/api/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    private final CallerResolver callers;
    private final NodeService nodes;
    private final String publicUrl;

    public NodeResource(CallerResolver callers, NodeService nodes, GatehouseConfig config) {
        this.callers = callers;
        this.nodes = nodes;
        this.publicUrl = config.publicUrl();
    }

    @GET
    public NodePage list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                         @QueryParam("type") String type, @QueryParam("tag") String tag) {
        return nodes.list(callers.resolve().require("read:nodes").userId(), type, tag, cursor, limit);
    }

    @GET
    @Path("/{id}")
    public NodeView get(@PathParam("id") String id) {
        return nodes.get(callers.resolve().require("read:nodes").userId(), nodeId(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NodeInput input) {
        NodeView created = nodes.create(callers.resolve().require("write:nodes").userId(), input);
        // Absolute under the public origin: behind the edge, the request URI is the backend's, not the client's.
        return Response.created(URI.create(publicUrl + "/api/v1/nodes/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public NodeView replace(@PathParam("id") String id, NodeInput input) {
        return nodes.replace(callers.resolve().require("write:nodes").userId(), nodeId(id), input);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public NodeView patch(@PathParam("id") String id, NodeInput input) {
        return nodes.patch(callers.resolve().require("write:nodes").userId(), nodeId(id), input);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        nodes.delete(callers.resolve().require("delete:nodes").userId(), nodeId(id));
        return Response.noContent().build();
    }

    private static UUID nodeId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthError.NOT_FOUND, "No such node");
        }
    }
}
