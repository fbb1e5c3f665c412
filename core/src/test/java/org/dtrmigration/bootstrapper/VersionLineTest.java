package org.dtrmigration.bootstrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dtrmigration.registry.DtrVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionLineTest {

    @ParameterizedTest
    @CsvSource({
            "2.5.0,  DTR_2_5,            false, false, false, false, false",
            "2.5.14, DTR_2_5,            false, false, false, false, false",
            "2.6.0,  DTR_2_6_0_TO_2_6_3, true,  true,  false, false, false",
            "2.6.3,  DTR_2_6_0_TO_2_6_3, true,  true,  false, false, false",
            "2.6.4,  DTR_2_6_4_TO_2_7,   true,  true,  true,  false, false",
            "2.7.5,  DTR_2_6_4_TO_2_7,   true,  true,  true,  false, false",
            "2.8.2,  MSR_2_8,            true,  true,  true,  false, false",
            "2.9.4,  MSR_2_9,            true,  true,  true,  true,  true",
    })
    void capabilitiesPerLine(String version, VersionLine line, boolean offline, boolean restoreFlag, boolean storageMigrated,
                             boolean reinitialize, boolean exactCopy) {
        VersionLine actual = VersionLine.of(DtrVersion.parse(version), "image");
        assertThat(actual).isEqualTo(line);
        assertThat(actual.hasOfflineBackup()).isEqualTo(offline);
        assertThat(actual.restoreNeedsStorageFlag()).isEqualTo(restoreFlag);
        assertThat(actual.hasStorageMigrated()).isEqualTo(storageMigrated);
        assertThat(actual.hasReinitializeStorage()).isEqualTo(reinitialize);
        assertThat(actual.storageSwitchNeedsExactCopy()).isEqualTo(exactCopy);
        assertThat(actual.storageSwitchWipesTags()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"2.6.5, false", "2.6.6, true", "2.7.0, true", "2.9.4, true", "2.5.9, false"})
    void keepMetadataFrom266(String version, boolean keeps) {
        assertThat(VersionLine.storageApiKeepsMetadata(DtrVersion.parse(version))).isEqualTo(keeps);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.4.9", "2.10.0", "3.0.1", "1.9.0"})
    void unsupportedVersionsAreRefusedNamingTheParameter(String version) {
        assertThatThrownBy(() -> VersionLine.of(DtrVersion.parse(version), "image"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("image: version " + version + " is not supported");
    }

    @ParameterizedTest
    @CsvSource({"2.7.5, DTR_", "2.8.0, MSR_", "2.9.4, MSR_"})
    void msrRenamesItsEnvironmentVariables(String version, String prefix) {
        assertThat(VersionLine.of(DtrVersion.parse(version), "v").environmentPrefix()).isEqualTo(prefix);
    }
}
