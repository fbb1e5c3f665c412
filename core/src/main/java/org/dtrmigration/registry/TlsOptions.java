package org.dtrmigration.registry;

import java.io.Serializable;

/**
 * How to trust the DTR/MSR server. TLS is verified against the JVM's trust store by default; a PEM
 * bundle adds the (usually private) CA that signed DTR's certificate. Skipping verification is an
 * explicit, loudly logged choice.
 *
 * @param caPem PEM text of one or more CA certificates, or null
 * @param insecureSkipVerify trust any certificate and host name
 */
public record TlsOptions(String caPem, boolean insecureSkipVerify) implements Serializable {

    public static TlsOptions verified() {
        return new TlsOptions(null, false);
    }

    public TlsOptions {
        if (caPem != null && caPem.isBlank()) {
            caPem = null;
        }
        if (caPem != null && !caPem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("caCertificate: expected PEM text starting with -----BEGIN CERTIFICATE-----");
        }
    }
}
