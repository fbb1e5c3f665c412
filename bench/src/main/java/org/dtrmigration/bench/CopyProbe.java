package org.dtrmigration.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.dtrmigration.copy.CopyOptions;
import org.dtrmigration.copy.CopyRequest;
import org.dtrmigration.copy.CopyResult;
import org.dtrmigration.copy.Copier;
import org.dtrmigration.copy.Endpoint;
import org.dtrmigration.copy.Tuning;
import org.dtrmigration.copy.Verifier;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.copy.VerifyReport;
import org.dtrmigration.copy.VerifyRequest;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;

/**
 * The copier in its own JVM, as the CLI runs it ({@code copy} or {@code verify} FROM TO [CONCURRENCY]), printing the
 * peak heap at the end: {@code PEAK_HEAP_BYTES=…}. Run with -Xmx512m, it also proves the heap bound.
 *
 * <p>{@code agent FROM TO [CONCURRENCY]} plays a Jenkins agent's JVM, where {@code dtrCopyStorage} runs: the bulk copy
 * first, then, after a line on stdin (the benchmark changes the source meanwhile), the re-run in the same, warm JVM,
 * printing {@code RERUN_SECONDS=…} of the re-run alone.
 */
public final class CopyProbe {
    private CopyProbe() {
    }

    public static void main(String[] args) throws Exception {
        EnvironmentCredentials env = EnvironmentCredentials.system();
        StorageLocation from = StorageLocation.parse(args[1], "from");
        StorageLocation to = StorageLocation.parse(args[2], "to");
        Endpoint source = new Endpoint("from", from, env.resolve(from, "from"));
        Endpoint destination = new Endpoint("to", to, env.resolve(to, "to"));
        EventSink events = EventSink.printingTo(System.out);
        boolean ok;
        if (args[0].equals("verify")) {
            VerifyReport report = Verifier.run(new VerifyRequest(source, destination, VerifyOptions.defaults()), new StoreFactory(), events,
                    Tuning.defaults(), null);
            ok = report.clean();
        } else if (args[0].equals("agent")) {
            CopyResult bulk = copy(source, destination, args, events);
            System.out.println("BULK_DONE " + bulk.complete());
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            long t0 = System.nanoTime();
            CopyResult again = copy(source, destination, args, events);
            System.out.printf(java.util.Locale.ROOT, "RERUN_SECONDS=%.3f%n", (System.nanoTime() - t0) / 1e9);
            ok = bulk.complete() && again.complete();
            System.out.println("COPIED_OBJECTS=" + again.copiedObjects());
        } else {
            CopyResult result = copy(source, destination, args, events);
            ok = result.complete();
            System.out.println("COPIED_OBJECTS=" + result.copiedObjects());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("PEAK_HEAP_BYTES=" + peak);
        System.out.println("MAX_HEAP_BYTES=" + Runtime.getRuntime().maxMemory());
        System.exit(ok ? 0 : 1);
    }

    /** One copy as the CLI runs it, with {@code args[3]} as the concurrency when given. */
    private static CopyResult copy(Endpoint source, Endpoint destination, String[] args, EventSink events) throws java.io.IOException {
        CopyOptions options = CopyOptions.defaults();
        if (args.length > 3) {
            options = options.withConcurrency(Integer.parseInt(args[3]));
        }
        return Copier.run(new CopyRequest(source, destination, options), new StoreFactory(Copier.storeOptions(options)),
                events, Tuning.defaults());
    }
}
