package io.jenkins.plugins.dtrmigration;

import java.io.Serializable;

/**
 * The connection parameters every DTR API step takes: the DTR/MSR URL, the id of a Username/Password
 * credential (administrator + access token), an optional PEM CA certificate and the explicit insecure flag.
 */
record DtrConnection(String url, String credentialsId, String caCertificate, boolean insecure) implements Serializable {
}
