package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdgsearch.extract.ExtractedDocument;
import org.sdgsearch.index.LuceneCrawlStatusStore;
import org.sdgsearch.source.Source;

/** Closing the jobs (application shutdown) lets a running crawl make its last commit before it returns. */
class CrawlJobsCloseTest {

    @TempDir
    Path dir;

    @Test
    void closeWaitsForTheCancelledCrawlsLastCommitWithoutInterruptingIt() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch accepting = new CountDownLatch(1);
        Thread[] closer = new Thread[1];
        CountDownLatch closerStarted = new CountDownLatch(1);
        RecordingSink sink = new RecordingSink() {
            @Override
            public void accept(Source source, ExtractedDocument document, FetchedResource fetched) {
                super.accept(source, document, fetched);
                accepting.countDown();
                try {
                    closerStarted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // Hold the crawl until close() has either returned or is waiting for the crawl to end.
                while (closer[0].getState() != Thread.State.TIMED_WAITING
                        && closer[0].getState() != Thread.State.TERMINATED) {
                    LockSupport.parkNanos(1_000_000);
                }
            }

            @Override
            public synchronized void commit() {
                super.commit();
                events.add(Thread.currentThread().isInterrupted() ? "interrupted commit" : "commit");
            }
        };
        try (TestSite site = new TestSite(); LuceneCrawlStatusStore store =
                new LuceneCrawlStatusStore(dir.resolve("status"));
             Crawler crawler = new Crawler(CrawlerTest.fast(), CrawlerTest.extractor, store)) {
            site.page("/", "Home", "/a", "/b").page("/a", "A").page("/b", "B");
            CrawlJobs jobs = new CrawlJobs(crawler, sink, 1);
            assertTrue(jobs.start(CrawlerTest.source(site.website(2, 100, "/"))));
            assertTrue(accepting.await(30, TimeUnit.SECONDS), "the crawl fetched a page");
            closer[0] = new Thread(() -> {
                jobs.close();
                events.add("closed");
            });
            closer[0].start();
            closerStarted.countDown();
            closer[0].join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(closer[0].isAlive());
        }
        assertTrue(events.contains("commit"), events.toString());
        assertEquals("closed", events.get(events.size() - 1), "close returns after the crawl's last commit: " + events);
        assertFalse(events.contains("interrupted commit"), events.toString());
    }
}
