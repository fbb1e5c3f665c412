package org.dtrmigration.simulator.faults;

/** What the server does instead of answering normally. */
public sealed interface Fault {
    /** Answer with this status and a short plain-text body, as a proxy or overloaded server would. */
    record Status(int status) implements Fault {
    }

    /** Close the connection without any response. */
    record Drop() implements Fault {
    }

    /** Answer with an HTML page (a misconfigured proxy's login page), usually with status 200. */
    record Html(int status) implements Fault {
    }
}
