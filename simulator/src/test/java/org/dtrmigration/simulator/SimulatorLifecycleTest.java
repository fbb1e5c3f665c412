package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dtrmigration.layout.GeneratedTree;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.storage.FilesystemStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void metadataIsLoadedFromTheTreeInStorage() throws IOException {
        GeneratedTree tree = TreeGenerator.generate(Sims.store(dir), TreeSpec.small(3));
        try (DtrSimulator sim = Sims.start(dir)) {
            for (WrittenImage image : tree.images()) {
                assertThat(sim.metadata().tag(image.repository(), image.tag()))
                        .hasValueSatisfying(t -> assertThat(t.digest()).isEqualTo(image.manifest()));
            }
        }
    }

    @Test
    void metadataLoadCanBeSkipped() throws IOException {
        TreeGenerator.generate(Sims.store(dir), TreeSpec.small(3));
        try (DtrSimulator sim = Sims.builder(dir).loadMetadataFromStorage(false).start()) {
            assertThat(sim.metadata().repositories()).isEmpty();
        }
    }

    @Test
    void awaitTerminationReturnsOnceClosed() throws Exception {
        DtrSimulator sim = Sims.start(dir);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                sim.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(waiting).isNotDone();
        sim.close();
        waiting.get(20, TimeUnit.SECONDS);
        sim.close(); // idempotent
        assertThatThrownBy(() -> new Api(sim.url()).get("/_ping")).isInstanceOf(IOException.class);
    }

    @Test
    void wildcardBindIsReportedAsLoopback() throws IOException {
        try (DtrSimulator sim = Sims.builder(dir).bindAddress("0.0.0.0").start()) {
            assertThat(sim.url().toString()).isEqualTo("http://127.0.0.1:" + sim.port());
            assertThat(new Api(sim.url()).get("/_ping").status()).isEqualTo(200);
        }
    }

    @Test
    void defaultsAreLoopbackAndDtr275() throws IOException {
        SimulatorConfig config = DtrSimulator.builder().storage(Sims.store(dir)).build();
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.product()).isEqualTo(Product.DTR);
        assertThat(config.version()).isEqualTo("2.7.5");
        assertThat(config.replicaIds()).hasSize(1);
    }

    @Test
    void configIsValidated() throws IOException {
        FilesystemStore store = Sims.store(dir);
        assertThatThrownBy(() -> DtrSimulator.builder().build()).hasMessageContaining("storage");
        assertThatThrownBy(() -> DtrSimulator.builder().storage(store).replicaIds("XYZ").build()).hasMessageContaining("replica id");
        assertThatThrownBy(() -> DtrSimulator.builder().storage(store).replicaIds("aaaaaaaaaaaa", "aaaaaaaaaaaa").build())
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> DtrSimulator.builder().storage(store).version("latest").build()).hasMessageContaining("version");
        assertThatThrownBy(() -> DtrSimulator.builder().storage(store).admin("a", "t").user("a", "u").build()).hasMessageContaining("unique");
        assertThatThrownBy(() -> DtrSimulator.builder().storage(store).readOnlyLag(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("readOnlyLag");
        assertThatThrownBy(() -> DtrSimulator.builder().storage(store).port(70000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> DtrSimulator.builder().storage(store).admin("a:b", "t").build()).hasMessageContaining("':'");
    }

    @Test
    void pushesNeedDtrRepositoryNames() throws IOException {
        try (DtrSimulator sim = Sims.start(dir)) {
            assertThatThrownBy(() -> sim.push("toplevel", "v1")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sim.push("a/b/c", "v1")).isInstanceOf(IllegalArgumentException.class);
            assertThat(sim.push("team/app", "v1").repository()).isEqualTo("team/app");
        }
    }

    @Test
    void repushingATagMovesItAndKeepsItsCreationTime() throws IOException {
        try (DtrSimulator sim = Sims.start(dir)) {
            WrittenImage first = sim.push("team/app", "latest");
            var created = sim.metadata().tag("team/app", "latest").orElseThrow().createdAt();
            WrittenImage second = sim.push("team/app", "latest");
            assertThat(second.manifest()).isNotEqualTo(first.manifest());
            var tag = sim.metadata().tag("team/app", "latest").orElseThrow();
            assertThat(tag.digest()).isEqualTo(second.manifest());
            assertThat(tag.createdAt()).isEqualTo(created);
        }
    }
}
