package org.dtrmigration.simulator.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent requests, bounded so a long rehearsal does not grow without limit. */
public final class RequestLog {
    private final int capacity;
    private final Deque<RequestRecord> records = new ArrayDeque<>();

    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(RequestRecord record) {
        if (records.size() == capacity) {
            records.removeFirst();
        }
        records.addLast(record);
    }

    public synchronized List<RequestRecord> snapshot() {
        return new ArrayList<>(records);
    }

    public synchronized void clear() {
        records.clear();
    }
}
