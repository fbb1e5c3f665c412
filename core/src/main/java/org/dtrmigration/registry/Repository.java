package org.dtrmigration.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A DTR repository: always {@code namespace/name}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Repository(@JsonProperty("namespace") String namespace, @JsonProperty("name") String name) {

    public String fullName() {
        return namespace + "/" + name;
    }
}
