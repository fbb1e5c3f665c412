package org.dtrmigration.storage;

import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import org.dtrmigration.secret.Secret;

/**
 * A registry root in an Azure Storage container, through the Azure Storage Blob SDK v12 over OkHttp.
 * Blob names are {@code [/]<prefix>/<key>}, the leading '/' only for the legacy layout that
 * distribution 2.x (DTR, MSR) wrote.
 */
public final class AzureBlobStore implements ObjectStore {

    private static final String OCTET_STREAM = "application/octet-stream";
    /** Azure allows at most this many blocks per blob. */
    private static final int MAX_BLOCKS = 50_000;
    /** Chunk size of ranged reads; one request for anything smaller. */
    private static final int READ_BLOCK_SIZE = 8 * StoreOptions.MiB;

    private final AzureLocation location;
    private final StoreOptions options;
    private final BlobContainerClient container;
    private final String root;
    private final String where;
    private final List<Secret> secrets;
    /** An account key grants every permission, so any 403 then means the key itself is wrong (or a firewall). */
    private final boolean keyBased;
    private final PartUploader parts;
    private final SecureRandom random = new SecureRandom();

    public AzureBlobStore(AzureLocation location, AzureCredentials credentials, StoreOptions options) {
        this.location = Objects.requireNonNull(location, "location");
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(credentials, "credentials");
        this.secrets = credentials.secrets();
        this.keyBased = credentials instanceof AzureCredentials.SharedKey
                || (credentials instanceof AzureCredentials.ConnectionString cs && cs.value().reveal().contains("AccountKey="));
        this.root = (location.legacyRootPrefix() ? "/" : "") + (location.prefix().isEmpty() ? "" : location.prefix() + "/");
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .httpClient(httpClient(options))
                // Exponential backoff with jitter on 500/503 (ServerBusy), timeouts and I/O errors.
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, options.maxAttempts(), (Duration) null,
                        Duration.ofSeconds(1), Duration.ofSeconds(60), null));
        URI endpoint = authenticate(builder, location, credentials);
        this.where = endpoint != null ? endpoint.toString() : "the connection string's endpoint";
        try {
            this.container = builder.buildClient().getBlobContainerClient(location.container());
        } catch (RuntimeException e) {
            // The SDK rejects malformed connection strings or endpoints here; its message may quote the input.
            throw new IllegalArgumentException("Azure credentials or endpoint for container '" + location.container()
                    + "' are not valid: " + Secret.redact(e.getMessage(), secrets));
        }
        this.parts = new PartUploader("azure-" + location.container(), options.partThreads(), options.partMemory());
    }

    private static HttpClient httpClient(StoreOptions options) {
        // The Azure SDK drives OkHttp asynchronously, so the Dispatcher (default: 5 requests per host), not only the
        // connection pool, limits concurrency: raise both to the number of requests the caller keeps in flight.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(options.maxConnections());
        dispatcher.setMaxRequestsPerHost(options.maxConnections());
        return new OkHttpAsyncHttpClientBuilder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(options.maxConnections(), 5, TimeUnit.MINUTES))
                .connectionTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .build();
    }

    /** Configures credentials and endpoint; returns the endpoint when known. */
    private static URI authenticate(BlobServiceClientBuilder builder, AzureLocation location, AzureCredentials credentials) {
        if (credentials instanceof AzureCredentials.ConnectionString cs) {
            builder.connectionString(cs.value().reveal());
            if (location.endpoint() != null) {
                builder.endpoint(location.endpoint().toString());
            }
            return location.endpoint();
        }
        if (credentials instanceof AzureCredentials.SharedKey key) {
            String account = key.accountName() != null ? key.accountName() : location.account();
            if (account == null) {
                throw new IllegalArgumentException("Azure container '" + location.container()
                        + "': an account key needs the account name: add ?account=NAME to the location");
            }
            URI endpoint = location.endpoint() != null ? location.endpoint() : AzureLocation.accountEndpoint(account, AzureLocation.DEFAULT_REALM);
            builder.endpoint(endpoint.toString()).credential(new StorageSharedKeyCredential(account, key.accountKey().reveal()));
            return endpoint;
        }
        AzureCredentials.SasToken sas = (AzureCredentials.SasToken) credentials;
        if (location.endpoint() == null) {
            throw new IllegalArgumentException("Azure container '" + location.container()
                    + "': a SAS token needs the account: add ?account=NAME or ?endpoint=URL to the location");
        }
        builder.endpoint(location.endpoint().toString()).sasToken(sas.token().reveal().replaceFirst("^\\?", ""));
        return location.endpoint();
    }

    public AzureLocation location() {
        return location;
    }

    @Override
    public String describe() {
        return "azure://" + location.container() + "/" + location.prefix() + " at " + where;
    }

    @Override
    public boolean md5InListings() {
        return true;
    }

    @Override
    public ObjectListing list(String prefix) throws IOException {
        ListBlobsOptions listOptions = new ListBlobsOptions()
                .setPrefix(root + prefix)
                .setMaxResultsPerPage(5000)
                // Metadata lets us skip the directory entries of hierarchical-namespace (Data Lake) accounts.
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        Iterator<BlobItem> items;
        try {
            PagedIterable<BlobItem> pages = container.listBlobs(listOptions, null);
            items = pages.iterator();
            items.hasNext(); // fetch the first page now, so a missing container or bad credentials fail here
        } catch (RuntimeException e) {
            throw translate(e, "list", prefix);
        }
        return new Listing(items, prefix);
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("listChildren needs a prefix ending with '/': '" + prefix + "'");
        }
        ListBlobsOptions listOptions = new ListBlobsOptions()
                .setPrefix(root + prefix)
                .setMaxResultsPerPage(5000)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        List<String> children = new java.util.ArrayList<>();
        try {
            for (BlobItem item : container.listBlobsByHierarchy("/", listOptions, null)) {
                String name = item.getName();
                if (!name.startsWith(root) || name.length() == root.length()) {
                    continue;
                }
                if (Boolean.TRUE.equals(item.isPrefix())) {
                    children.add(name.substring(root.length()));
                } else if (!name.endsWith("/") && !(item.getMetadata() != null
                        && "true".equalsIgnoreCase(item.getMetadata().get("hdi_isfolder")))) {
                    children.add(name.substring(root.length()));
                }
            }
        } catch (RuntimeException e) {
            throw translate(e, "list", prefix);
        }
        children.sort(Utf8Order.COMPARATOR);
        return children;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        try {
            BlobProperties properties = container.getBlobClient(blobName(key)).getProperties();
            return Optional.of(new ObjectInfo(key, properties.getBlobSize(), Md5.hex(properties.getContentMd5())));
        } catch (BlobStorageException e) {
            // HEAD answers still carry x-ms-error-code, so a missing container is told apart from a missing blob.
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())
                    || (e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode()))) {
                return Optional.empty();
            }
            throw translate(e, "stat", key);
        } catch (RuntimeException e) {
            throw translate(e, "stat", key);
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        try {
            // Reads in ranged chunks pinned to the blob's ETag, so a concurrent overwrite fails the read
            // instead of mixing two versions.
            return container.getBlobClient(blobName(key)).openInputStream(new BlobInputStreamOptions().setBlockSize(READ_BLOCK_SIZE));
        } catch (RuntimeException e) {
            throw translate(e, "read", key);
        }
    }

    @Override
    public void write(String key, InputStream content, long length, byte[] md5) throws IOException {
        BlockBlobClient blob = container.getBlobClient(blobName(key)).getBlockBlobClient();
        long threshold = options.multipartThreshold();
        if (length >= 0 && length > threshold) {
            writeBlocks(key, blob, content, length, md5);
            return;
        }
        byte[] head = content.readNBytes((int) threshold + 1);
        if (head.length > threshold) {
            writeBlocks(key, blob, new SequenceInputStream(new ByteArrayInputStream(head), content), length, md5);
            return;
        }
        WriteChecks.length(key, length, head.length);
        byte[] actual = Md5.of(head, 0, head.length);
        WriteChecks.md5(key, md5, actual);
        // One Put Blob: atomic, replaces any block blob, Content-MD5 checked in transit and stored on the blob.
        BlockBlobSimpleUploadOptions upload = new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(head))
                .setHeaders(headers(actual))
                .setContentMd5(actual);
        try {
            blob.uploadWithResponse(upload, null, Context.NONE);
        } catch (BlobStorageException e) {
            if (!BlobErrorCode.INVALID_BLOB_TYPE.equals(e.getErrorCode())) {
                throw translate(e, "write", key);
            }
            // distribution's Azure driver once wrote append blobs, which Put Blob cannot replace in place.
            try {
                blob.deleteIfExists();
                blob.uploadWithResponse(upload, null, Context.NONE);
            } catch (RuntimeException retry) {
                throw translate(retry, "write", key);
            }
        } catch (RuntimeException e) {
            throw translate(e, "write", key);
        }
    }

    /**
     * Stages blocks (several in flight, each with its Content-MD5) and commits the list: the blob appears
     * whole at commit or not at all. Uncommitted blocks of a failed upload are invisible and Azure
     * discards them after a week. The committed blob gets the MD5 of the whole content, verified
     * against the expected one before commit.
     */
    private void writeBlocks(String key, BlockBlobClient blob, InputStream content, long length, byte[] md5) throws IOException {
        // A random tag per upload keeps a concurrent or earlier failed upload's blocks out of our list.
        byte[] tagBytes = new byte[6];
        random.nextBytes(tagBytes);
        String tag = HexFormat.of().formatHex(tagBytes);
        PartUploader.Result result = parts.upload(content, blockSize(length), (number, data, n, partMd5) -> {
            String id = Base64.getEncoder().encodeToString(String.format("%s-%06d", tag, number).getBytes(StandardCharsets.US_ASCII));
            try {
                blob.stageBlockWithResponse(new BlockBlobStageBlockOptions(id, BinaryData.fromByteBuffer(ByteBuffer.wrap(data, 0, n)))
                        .setContentMd5(partMd5), null, Context.NONE);
            } catch (RuntimeException e) {
                throw translate(e, "write block " + number + " of", key);
            }
            return id;
        }, true); // the committed blob carries the whole content's MD5, so listings can compare it
        WriteChecks.length(key, length, result.length());
        WriteChecks.md5(key, md5, result.md5());
        try {
            blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(result.partIds()).setHeaders(headers(result.md5())),
                    null, Context.NONE);
        } catch (BlobStorageException e) {
            if (BlobErrorCode.INVALID_BLOB_TYPE.equals(e.getErrorCode())) {
                throw new IOException("blob '" + key + "' in container '" + location.container() + "' exists as another blob "
                        + "type (an append blob written by distribution's Azure driver): delete it, then copy again", e);
            }
            throw translate(e, "write", key);
        } catch (RuntimeException e) {
            throw translate(e, "write", key);
        }
    }

    private int blockSize(long length) {
        long needed = length < 0 ? 0 : (length + MAX_BLOCKS - 1) / MAX_BLOCKS;
        return (int) Math.max(options.partSize(), Math.min(needed, Integer.MAX_VALUE - 16));
    }

    private static BlobHttpHeaders headers(byte[] md5) {
        return new BlobHttpHeaders().setContentType(OCTET_STREAM).setContentMd5(md5);
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            container.getBlobClient(blobName(key)).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE);
        } catch (RuntimeException e) {
            throw translate(e, "delete", key);
        }
    }

    @Override
    public void close() {
        parts.close();
    }

    private String blobName(String key) {
        return WriteChecks.under(root, key);
    }

    /** Turns SDK errors into messages a person can act on; never includes a secret. */
    IOException translate(RuntimeException e, String action, String key) {
        String name = location.container();
        BlobStorageException bse = cause(e, BlobStorageException.class);
        if (bse != null) {
            BlobErrorCode code = bse.getErrorCode();
            int status = bse.getStatusCode();
            String codeText = code == null ? "HTTP " + status : code + ", HTTP " + status;
            if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
                return new StorageAccessException(StorageAccessException.Reason.MISSING_CONTAINER,
                        "container '" + name + "' does not exist at " + where, e);
            }
            if (BlobErrorCode.AUTHENTICATION_FAILED.equals(code) || BlobErrorCode.INVALID_AUTHENTICATION_INFO.equals(code)
                    || BlobErrorCode.NO_AUTHENTICATION_INFORMATION.equals(code) || (status == 403 && keyBased)) {
                // Azurite answers a wrong account key with AuthorizationFailure where Azure says AuthenticationFailed.
                return new StorageAccessException(StorageAccessException.Reason.BAD_CREDENTIALS,
                        "Azure rejected the credentials for container '" + name + "' at " + where + " (" + codeText + "): check "
                                + "AZURE_STORAGE_KEY/AZURE_STORAGE_SAS_TOKEN/AZURE_STORAGE_CONNECTION_STRING or the credentialsId"
                                + (keyBased ? ", and the account's network rules" : ""), e);
            }
            if (status == 403) {
                return new StorageAccessException(StorageAccessException.Reason.ACCESS_DENIED,
                        "Azure denied " + action + " '" + key + "' in container '" + name + "' at " + where + " (" + codeText
                                + "): check the credentials (AZURE_STORAGE_KEY/… or the credentialsId), the SAS token's "
                                + "permissions and expiry, and the account's network rules", e);
            }
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(code) || status == 404) {
                NoSuchObjectException missing = new NoSuchObjectException(describe(), key);
                missing.initCause(e);
                return missing;
            }
            if (BlobErrorCode.MD5MISMATCH.equals(code) || BlobErrorCode.INVALID_MD5.equals(code)) {
                return new IOException("Azure received content for '" + key + "' that does not match its MD5 (" + codeText
                        + "); nothing written", e);
            }
            return new IOException(Secret.redact("Azure could not " + action + " '" + key + "' in container '" + name + "' at "
                    + where + " (" + codeText + "): " + firstLine(bse.getServiceMessage()), secrets), e);
        }
        if (cause(e, ConnectException.class) != null || cause(e, UnknownHostException.class) != null) {
            return new StorageAccessException(StorageAccessException.Reason.UNREACHABLE,
                    "cannot reach Azure at " + where + " for container '" + name + "': " + Secret.redact(String.valueOf(e.getMessage()), secrets), e);
        }
        if (e instanceof UncheckedIOException u) {
            return new IOException(Secret.redact("Azure could not " + action + " '" + key + "' in container '" + name + "': "
                    + u.getCause().getMessage(), secrets), u.getCause());
        }
        return new IOException(Secret.redact("Azure could not " + action + " '" + key + "' in container '" + name + "' at " + where
                + ": " + e, secrets), e);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Streams listing pages (5000 blobs each) as the caller iterates. */
    private final class Listing implements ObjectListing {
        private final Iterator<BlobItem> items;
        private final String prefix;
        private ObjectInfo next;

        Listing(Iterator<BlobItem> items, String prefix) {
            this.items = items;
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null && items.hasNext()) {
                    BlobItem item = items.next();
                    String name = item.getName();
                    if (!name.startsWith(root) || name.endsWith("/") || isDirectory(item.getMetadata())) {
                        continue;
                    }
                    String key = name.substring(root.length());
                    if (key.isEmpty() || key.startsWith("/")) {
                        continue; // a legacy '/'-prefixed blob seen from a non-legacy root: not under our root
                    }
                    Long size = item.getProperties().getContentLength();
                    next = new ObjectInfo(key, size == null ? 0 : size, Md5.hex(item.getProperties().getContentMd5()));
                }
            } catch (RuntimeException e) {
                IOException translated = translate(e, "list", prefix);
                throw new UncheckedIOException(translated);
            }
            return next != null;
        }

        private boolean isDirectory(Map<String, String> metadata) {
            return metadata != null && "true".equalsIgnoreCase(metadata.get("hdi_isfolder"));
        }

        @Override
        public ObjectInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ObjectInfo result = next;
            next = null;
            return result;
        }

        @Override
        public void close() {
        }
    }
}
