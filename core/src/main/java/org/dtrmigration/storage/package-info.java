/**
 * Storage backends behind one small contract, {@link org.dtrmigration.storage.ObjectStore}: a sorted,
 * streamed flat listing, read, atomic verified write, delete.
 *
 * <ul>
 *   <li>{@link org.dtrmigration.storage.StorageLocation} values ({@code file://}, {@code s3://},
 *       {@code azure://}, or DTR's storage config map) come from one parser and never hold secrets.</li>
 *   <li>{@link org.dtrmigration.storage.StorageCredentials} values hold secrets as
 *       {@link org.dtrmigration.secret.Secret}s; the CLI gets them from
 *       {@link org.dtrmigration.storage.EnvironmentCredentials}, the plugin from Jenkins credentials.</li>
 *   <li>{@link org.dtrmigration.storage.StoreFactory} opens the driver for a location:
 *       {@link org.dtrmigration.storage.FilesystemStore}, {@link org.dtrmigration.storage.S3Store},
 *       {@link org.dtrmigration.storage.AzureBlobStore}. Stores are thread-safe and meant to be shared
 *       by all workers of a copy; close them when done.</li>
 *   <li>Misconfiguration (missing bucket, rejected credentials) surfaces as
 *       {@link org.dtrmigration.storage.StorageAccessException} with a reason, so callers can stop
 *       at once rather than fail object by object.</li>
 * </ul>
 */
package org.dtrmigration.storage;
