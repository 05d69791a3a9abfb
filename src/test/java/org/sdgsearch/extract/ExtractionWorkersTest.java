package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class ExtractionWorkersTest {

    /** Ignores interrupts like a parser spinning in its own loop, until released. */
    private static String stuck(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException ignored) {
                // a runaway parser does not listen
            }
        }
        return "finished late";
    }

    @Test
    void stuckWorkersKeepTheirSlotAndTheCapHolds() throws InterruptedException {
        try (ExtractionWorkers workers = new ExtractionWorkers(2)) {
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 2; i++) {
                CountDownLatch started = new CountDownLatch(1);
                var r = workers.run(() -> stuck(started, release), Duration.ofMillis(50));
                assertInstanceOf(ExtractionWorkers.Result.TimedOut.class, r);
                started.await();
            }
            assertEquals(2, workers.busy());
            var refused = workers.run(() -> "never runs", Duration.ofMillis(50));
            assertInstanceOf(ExtractionWorkers.Result.Busy.class, refused);

            release.countDown();
            assertTrue(workers.awaitIdle(Duration.ofSeconds(10)));
            var ok = workers.run(() -> "ok", Duration.ofSeconds(10));
            assertEquals(new ExtractionWorkers.Result.Done<>("ok"), ok);
        }
    }

    @Test
    void interruptOfAnAbandonedJobDoesNotLeakIntoTheNext() throws InterruptedException {
        try (ExtractionWorkers workers = new ExtractionWorkers(1)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            workers.run(() -> stuck(started, release), Duration.ofMillis(20));
            release.countDown();
            assertTrue(workers.awaitIdle(Duration.ofSeconds(10)));
            var r = workers.run(() -> Thread.currentThread().isInterrupted(), Duration.ofSeconds(10));
            assertEquals(new ExtractionWorkers.Result.Done<>(false), r);
        }
    }

    @Test
    void taskExceptionsComeBackAsValues() {
        try (ExtractionWorkers workers = new ExtractionWorkers(1)) {
            var r = workers.run(() -> {
                throw new IllegalStateException("boom");
            }, Duration.ofSeconds(10));
            assertInstanceOf(ExtractionWorkers.Result.Failed.class, r);
        }
    }
}
