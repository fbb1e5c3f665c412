package org.dtrmigration.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A tag as DTR's metadata store knows it: name and manifest digest. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tag(@JsonProperty("name") String name, @JsonProperty("digest") String digest) {
}
