package org.dtrmigration.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** JSON helpers shared by the handlers. The mapper is configured once and never changed. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** RFC 3339 in UTC with milliseconds, as the DTR docs' examples show ("2017-02-17T01:09:47.771Z"). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static JsonNode valueOf(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static ObjectNode map(Map<String, ?> map) {
        ObjectNode node = object();
        map.forEach((k, v) -> node.set(k, valueOf(v)));
        return node;
    }

    public static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree", e);
        }
    }

    /** Parses a request body; anything that is not JSON becomes a 400 with {@code code}. */
    public static JsonNode parse(byte[] body, String code) throws ApiException {
        if (body.length == 0) {
            throw ApiException.badRequest(code, "request body is empty");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest(code, "request body is empty");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest(code, "request body is not valid JSON");
        }
    }

    public static ObjectNode errors(String code, String message) {
        ObjectNode root = object();
        root.putArray("errors").addObject().put("code", code).put("message", message);
        return root;
    }

    /** Converts a JSON object into plain Java maps/lists/values (for job and cron parameters). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode node) {
        return MAPPER.convertValue(node, Map.class);
    }
}
