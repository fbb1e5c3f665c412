package org.dtrmigration.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of a job's log. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobLogLine(@JsonProperty("data") String data, @JsonProperty("lineNum") int lineNum) {
}
