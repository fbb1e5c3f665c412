package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.SyntheticImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyTest {
    static final String R1 = "aaaaaaaaaaa1";
    static final String R2 = "bbbbbbbbbbb2";
    static final String R3 = "ccccccccccc3";

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));
    DtrSimulator sim;
    Api api;

    @BeforeEach
    void start() throws IOException {
        sim = Sims.builder(dir).replicaIds(R1, R2, R3).readOnlyLag(Duration.ofSeconds(30)).clock(clock).start();
        api = new Api(sim.url());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Map<String, Boolean> replicaReadOnly() throws IOException {
        JsonNode status = api.get("/api/v0/meta/cluster_status").json();
        JsonNode ro = status.path("replica_readonly");
        return Map.of(R1, ro.path(R1).asBoolean(), R2, ro.path(R2).asBoolean(), R3, ro.path(R3).asBoolean());
    }

    @Test
    void clusterStatusListsEveryReplica() throws IOException {
        JsonNode status = api.get("/api/v0/meta/cluster_status").json();
        assertThat(status.path("replica_readonly").size()).isEqualTo(3);
        assertThat(status.path("replica_health").path(R2).asText()).isEqualTo("OK");
        assertThat(status.path("replica_timestamp").has(R3)).isTrue();
        assertThat(status.path("gc_lock_holder").asText()).isEmpty();
    }

    @Test
    void replicasPickUpReadOnlyAfterTheirShareOfTheLag() throws IOException {
        assertThat(api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\":true}").status()).isEqualTo(202);
        // the setting itself changes at once ...
        assertThat(api.get("/api/v0/meta/settings").json().path("readOnlyRegistry").asBoolean()).isTrue();
        // ... replicas follow: 10 s, 20 s, 30 s
        assertThat(replicaReadOnly()).containsExactlyInAnyOrderEntriesOf(Map.of(R1, false, R2, false, R3, false));
        clock.advance(Duration.ofSeconds(10));
        assertThat(replicaReadOnly()).containsExactlyInAnyOrderEntriesOf(Map.of(R1, true, R2, false, R3, false));
        clock.advance(Duration.ofSeconds(10));
        assertThat(replicaReadOnly()).containsExactlyInAnyOrderEntriesOf(Map.of(R1, true, R2, true, R3, false));
        clock.advance(Duration.ofSeconds(10));
        assertThat(replicaReadOnly()).containsExactlyInAnyOrderEntriesOf(Map.of(R1, true, R2, true, R3, true));
    }

    @Test
    void turningReadOnlyOffBeforeItArrivedKeepsEachReplicasCurrentState() throws IOException {
        api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\":true}");
        clock.advance(Duration.ofSeconds(15)); // R1 is read-only, R2 and R3 are not yet
        api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\":false}");
        assertThat(replicaReadOnly()).containsExactlyInAnyOrderEntriesOf(Map.of(R1, true, R2, false, R3, false));
        clock.advance(Duration.ofSeconds(30));
        assertThat(replicaReadOnly()).containsExactlyInAnyOrderEntriesOf(Map.of(R1, false, R2, false, R3, false));
    }

    @Test
    void pushesAreRefusedByReplicasThatAreReadOnly() throws IOException {
        sim.setReadOnly(true);
        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> sim.push("team/app", "v1"))
                .isInstanceOf(RegistryReadOnlyException.class)
                .hasMessageContaining(R1);
        assertThat(sim.config().storage().stat(RegistryLayout.tagCurrentLink("team/app", "v1"))).isEmpty();
        assertThat(sim.metadata().tag("team/app", "v1")).isEmpty();
        // a replica that has not seen the change yet still takes the push: why clients must wait for agreement
        sim.pushVia(R3, "team/app", "v2", SyntheticImages.image(1, 1, 10, 10));
        assertThat(sim.metadata().tag("team/app", "v2")).isPresent();
        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> sim.pushVia(R3, "team/app", "v3", SyntheticImages.image(2, 1, 10, 10)))
                .isInstanceOf(RegistryReadOnlyException.class);
    }

    @Test
    void startingReadOnlyAppliesToEveryReplicaAtOnce(@TempDir Path other) throws IOException {
        try (DtrSimulator ro = Sims.builder(other).replicaIds(R1, R2).readOnly(true).readOnlyLag(Duration.ofHours(1)).clock(clock).start()) {
            assertThat(ro.replicaReadOnly()).containsExactlyInAnyOrderEntriesOf(Map.of(R1, true, R2, true));
            assertThatThrownBy(() -> ro.push("team/app", "v1")).isInstanceOf(RegistryReadOnlyException.class);
        }
    }
}
