package org.dtrmigration.simulator;

/** Which product the simulator pretends to be; it changes names and the default version. */
public enum Product {
    DTR("Docker Trusted Registry", "2.7.5"),
    MSR("Mirantis Secure Registry", "2.9.4");

    private final String title;
    private final String defaultVersion;

    Product(String title, String defaultVersion) {
        this.title = title;
        this.defaultVersion = defaultVersion;
    }

    public String title() {
        return title;
    }

    public String defaultVersion() {
        return defaultVersion;
    }
}
