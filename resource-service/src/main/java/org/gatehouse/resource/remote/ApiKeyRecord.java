package org.gatehouse.resource.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** This service's copy of what registration-service tells about an API key (hashes only, never the key). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKeyRecord(@JsonProperty("key_id") String keyId,
                           @JsonProperty("client_id") String clientId,
                           @JsonProperty("requested_permissions") List<String> requestedPermissions,
                           @JsonProperty("key_hashes") List<String> keyHashes) {
}
