package org.dtrmigration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dtrmigration.simulator.http.Access;
import org.dtrmigration.simulator.http.ApiException;
import org.dtrmigration.simulator.http.ApiRequest;
import org.dtrmigration.simulator.http.ApiResponse;
import org.dtrmigration.simulator.http.Json;
import org.dtrmigration.simulator.http.Router;

/**
 * {@code POST /_sim/bootstrapper}: the simulator's control endpoint for the {@code docker} stand-in.
 * Request body: one line of JSON {@code {"image","command","args":[…],"env":{…}}}, a newline, then
 * the command's stdin. Answer: one line of JSON {@code {"exitCode","stderr"}}, a newline, then the
 * command's stdout. The UCP password travels in {@code env} (the container's environment) and is
 * checked by the emulated bootstrapper, as UCP would; the request log shows only the path.
 */
final class BootstrapperApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BootstrapperEmulator emulator;

    BootstrapperApi(BootstrapperEmulator emulator) {
        this.emulator = emulator;
    }

    void register(Router router) {
        router.post("/_sim/bootstrapper", Access.ANYONE, this::run);
    }

    private ApiResponse run(ApiRequest request) throws ApiException, IOException {
        byte[] body = request.body();
        int newline = indexOf(body, (byte) '\n');
        if (newline < 0) {
            throw ApiException.badRequest("INVALID_JSON", "expected a JSON line, a newline, then stdin");
        }
        JsonNode head = Json.parse(Arrays.copyOf(body, newline), "INVALID_JSON");
        List<String> args = new ArrayList<>();
        head.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = head.path("env").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            env.put(e.getKey(), e.getValue().asText());
        }
        byte[] stdin = Arrays.copyOfRange(body, newline + 1, body.length);
        BootstrapperEmulator.Outcome outcome = emulator.run(head.path("image").asText(), head.path("command").asText(), args, env,
                stdin);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(JSON.writeValueAsBytes(Json.object().put("exitCode", outcome.exitCode()).put("stderr", outcome.stderr())));
        out.write('\n');
        out.write(outcome.stdout());
        return new ApiResponse(200, out.toByteArray(), "application/octet-stream", Map.of());
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
