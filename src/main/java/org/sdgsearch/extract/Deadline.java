package org.sdgsearch.extract;

import org.xml.sax.SAXException;

/**
 * The moment a document's extraction must stop. Parsers check it from inside their loops (the SAX handler on every
 * batch of characters, the HTML walker every few thousand nodes), because a thread that is busy computing cannot be
 * interrupted from outside.
 */
final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline in(java.time.Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos());
    }

    boolean passed() {
        return System.nanoTime() - endNanos > 0 || Thread.currentThread().isInterrupted();
    }

    /** Throws from plain code paths (the HTML walker). */
    void check() {
        if (passed()) {
            throw new Expired();
        }
    }

    /** Throws from SAX callbacks, where parsers expect a SAXException. */
    void checkSax() throws SAXException {
        if (passed()) {
            throw new ExpiredSax();
        }
    }

    /** Whether an exception (or one of its causes) says the deadline passed. */
    static boolean isExpiry(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Expired || c instanceof ExpiredSax || c instanceof InterruptedException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The time limit passed while walking a parsed page. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("time limit passed", null, false, false);
        }
    }

    /** The time limit passed inside a Tika parse. */
    static final class ExpiredSax extends SAXException {
        ExpiredSax() {
            super("time limit passed");
        }
    }
}
