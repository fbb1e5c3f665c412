package org.dtrmigration.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether {@code onlinegc_blobs} may run. After a restore, that job deletes every blob the
 * restored metadata does not reference; if a tag did not survive (or its blobs are missing) the
 * damage becomes permanent. So when a restore record exists for this DTR, the job runs only with a
 * tag check report for the same DTR, written after the restore, that passed.
 *
 * <p>How a step knows: {@code dtrRestore} writes {@code dtr-restore.json} into the workspace and
 * {@code dtrCheckTags} writes {@code dtr-tag-check.json}; {@code dtrOnlineGc} reads both (the CLI:
 * the files in the current directory, or {@code --restore-record} / {@code --tag-check}).
 */
public final class PostRestoreGcGuard {

    /** The job actions that delete blobs by what the metadata references. */
    static boolean deletesUnreferencedBlobs(String action) {
        return "onlinegc_blobs".equals(action) || "onlinegc".equals(action);
    }

    private PostRestoreGcGuard() {
    }

    /**
     * @throws RefusedException when a restore of {@code dtrUrl} is on record and no passing tag check followed it
     */
    public static void check(String action, String dtrUrl, Optional<RestoreRecord> restore, Optional<TagCheckReport> tagCheck,
                             String tagCheckSource) throws RefusedException {
        Objects.requireNonNull(dtrUrl, "dtrUrl");
        if (tagCheck.isPresent() && sameDtr(tagCheck.get().dtrUrl(), dtrUrl) && !tagCheck.get().passed()) {
            throw new RefusedException(action + " refused: the tag check " + tagCheckSource + " FAILED ("
                    + tagCheck.get().summary() + "); running GC now would delete what the missing tags need."
                    + tagCheck.get().problems());
        }
        if (!deletesUnreferencedBlobs(action) || restore.isEmpty() || !sameDtr(restore.get().dtrUrl(), dtrUrl)) {
            return;
        }
        RestoreRecord r = restore.get();
        String why = action + " after the restore of " + dtrUrl + " at " + r.restoredAt() + " deletes every blob the restored"
                + " metadata does not reference. ";
        if (tagCheck.isEmpty()) {
            throw new RefusedException(why + "Run the tag check first (dtrCheckTags / 'dtr-migrate tags check'); no report "
                    + tagCheckSource + " was found");
        }
        TagCheckReport report = tagCheck.get();
        if (!sameDtr(report.dtrUrl(), dtrUrl)) {
            throw new RefusedException(why + "The tag check " + tagCheckSource + " is for " + report.dtrUrl() + ", not this DTR");
        }
        if (!report.apiChecked()) {
            throw new RefusedException(why + "The tag check " + tagCheckSource + " checked storage only; check the restored tags"
                    + " through the API (dtrCheckTags after the restore)");
        }
        if (report.checkedAt().isBefore(r.restoredAt())) {
            throw new RefusedException(why + "The tag check " + tagCheckSource + " (" + report.checkedAt() + ") is older than the"
                    + " restore; run it again");
        }
    }

    private static boolean sameDtr(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String url) {
        String s = url == null ? "" : url.trim();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
