package org.dtrmigration.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticImagesTest {

    static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** Reads the single file of a ustar archive, checking the header checksum and the end blocks. */
    static byte[] singleTarEntry(byte[] tar, String expectedName) {
        String name = new String(tar, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
        assertThat(name).isEqualTo(expectedName);
        assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        long size = Long.parseLong(new String(tar, 124, 11, StandardCharsets.US_ASCII), 8);
        long storedSum = Long.parseLong(new String(tar, 148, 6, StandardCharsets.US_ASCII), 8);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (tar[i] & 0xff);
        }
        assertThat(storedSum).isEqualTo(sum);
        int padded = (int) ((size + 511) / 512 * 512);
        assertThat(tar).hasSize(512 + padded + 1024);
        for (int i = 512 + padded; i < tar.length; i++) {
            assertThat(tar[i]).isZero();
        }
        return Arrays.copyOfRange(tar, 512, 512 + (int) size);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 511, 512, 65_535, 65_536, 200_000})
    void layersAreRealTarGzWhoseDiffIdIsTheTarDigest(int size) throws IOException {
        SyntheticImages.Layer layer = SyntheticImages.layer(42, size);
        byte[] tar = gunzip(layer.blob());
        assertThat(Digest.of(tar)).isEqualTo(layer.diffId());
        byte[] payload = singleTarEntry(tar, "layer/2a.bin");
        assertThat(payload).hasSize(size);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        assertThat(SyntheticImages.layer(7, 10_000).blob()).isEqualTo(SyntheticImages.layer(7, 10_000).blob());
        assertThat(SyntheticImages.layer(7, 10_000).blob()).isNotEqualTo(SyntheticImages.layer(8, 10_000).blob());
        Image a = SyntheticImages.image(99, 3, 100, 5000);
        Image b = SyntheticImages.image(99, 3, 100, 5000);
        assertThat(a.config()).isEqualTo(b.config());
        for (int i = 0; i < 3; i++) {
            assertThat(a.layers().get(i)).isEqualTo(b.layers().get(i));
        }
    }

    @Test
    void configListsDiffIdsInLayerOrder() throws IOException {
        List<SyntheticImages.Layer> layers = List.of(SyntheticImages.layer(1, 10), SyntheticImages.layer(2, 20));
        Image image = SyntheticImages.image(5, ManifestFormat.OCI, new Image.Platform("linux", "arm64"), layers);
        JsonNode config = new ObjectMapper().readTree(image.config());
        assertThat(config.path("architecture").asText()).isEqualTo("arm64");
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("rootfs").path("type").asText()).isEqualTo("layers");
        assertThat(config.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo(layers.get(0).diffId().toString());
        assertThat(config.path("rootfs").path("diff_ids").get(1).asText()).isEqualTo(layers.get(1).diffId().toString());
        assertThat(config.path("history")).hasSize(2);
        assertThat(image.layers()).containsExactly(layers.get(0).blob(), layers.get(1).blob());
    }

    @Test
    void layerSizesStayInRange() {
        Image image = SyntheticImages.image(3, 20, 1000, 2000);
        for (byte[] layer : image.layers()) {
            // payload in range plus tar (1.5 KiB of header/padding/end blocks at most) and gzip framing
            assertThat(layer.length).isBetween(1000, 2000 + 1536 + 512 + 18 + 5);
        }
    }
}
