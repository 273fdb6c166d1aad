package org.chancery.messaging;

import static org.chancery.messaging.PipelineFixture.ANSWERS;
import static org.chancery.messaging.PipelineFixture.SERVICE;
import static org.chancery.messaging.PipelineFixture.TOPIC;
import static org.chancery.messaging.PipelineFixture.dispatch;
import static org.chancery.messaging.PipelineFixture.eventId;
import static org.chancery.messaging.PipelineFixture.forged;
import static org.chancery.messaging.PipelineFixture.header;
import static org.chancery.messaging.PipelineFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.junit.jupiter.api.Test;

/** {@link HopPipeline#process} on batches made by hand: no broker, no database, no Quarkus. */
class HopPipelineTest {

    private final PipelineFixture fixture = new PipelineFixture();
    private final AtomicInteger keptAlive = new AtomicInteger();

    private boolean process(List<ConsumerRecord<String, String>> records) {
        return process(records, keptAlive::incrementAndGet);
    }

    private boolean process(List<ConsumerRecord<String, String>> records, Runnable keepAlive) {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
        records.forEach(r -> byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()),
                p -> new ArrayList<>()).add(r));
        return fixture.pipeline.process(new ConsumerRecords<>(byPartition, Map.of()), keepAlive);
    }

    private static List<ConsumerRecord<String, String>> hops(int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(0, i, dispatch()));
        }
        return records;
    }

    private static List<UUID> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(PipelineFixture::eventId).toList();
    }

    @Test
    void aBatchIsHandledInOrderInOneTransactionAndItsAnswersPublishedInThatOrder() {
        List<ConsumerRecord<String, String>> batch = hops(5);

        assertTrue(process(batch));

        assertEquals(ids(batch), fixture.ledger.handled(), "each hop handled once, in the batch's order");
        assertEquals(ids(batch), fixture.handler.counted, "the batch's work told it committed");
        assertEquals(1, fixture.ledger.transactions(), "one transaction for the batch");
        assertEquals(ids(batch), fixture.answered(), "the answers published in the batch's order");
        assertTrue(fixture.ledger.unpublished().isEmpty(), "what was published is forgotten");
        ProducerRecord<String, String> answer = fixture.producer.history().get(0);
        assertEquals(Map.of("ce_source", "/chancery/" + SERVICE, "ce_type", "chancery.notice.delivered"),
                Map.of("ce_source", header(answer, "ce_source"), "ce_type", header(answer, "ce_type")));
        assertTrue(fixture.signing.check(HopEvents.readTree(answer.value())).genuine(), "the answer is signed");
        assertEquals(0, keptAlive.get(), "no wait");
    }

    @Test
    void unreadableAndForgedRecordsAreDeadLetteredWithTheirReasonAndTheRestOfTheBatchProceeds() {
        HopEvent forgedHop = dispatch();
        List<ConsumerRecord<String, String>> batch = List.of(
                record(0, 0, dispatch()),
                record(0, 1, "key", "this is not JSON"),
                record(0, 2, forgedHop.noticeId().toString(), forged(forgedHop)),
                record(0, 3, "key", "{\"eventId\": 12}"),
                record(0, 4, dispatch()));

        assertTrue(process(batch));

        assertEquals(List.of(eventId(batch.get(0)), eventId(batch.get(4))), fixture.ledger.handled());
        assertEquals(List.of(eventId(batch.get(0)), eventId(batch.get(4))), fixture.answered());
        List<ProducerRecord<String, String>> dead = fixture.deadLetters();
        assertEquals(List.of(batch.get(1).value(), batch.get(2).value(), batch.get(3).value()),
                dead.stream().map(ProducerRecord::value).toList(), "the records set aside as they were, in order");
        assertEquals(List.of("not a readable hop", "not a genuine hop of foreign-ministry", "not a readable hop"),
                fixture.deadLetterReasons());
        assertEquals(List.of(TOPIC + "/0/1", TOPIC + "/0/2", TOPIC + "/0/3"), dead.stream()
                .map(r -> header(r, "dead-letter-topic") + "/" + header(r, "dead-letter-partition") + "/"
                        + header(r, "dead-letter-offset")).toList());
        assertEquals(SERVICE, header(dead.get(0), DeadLetters.SERVICE));
        assertEquals(0, keptAlive.get(), "set aside before the batch runs, not retried");
    }

    @Test
    void aHopTheHandlerRefusesIsDeadLetteredAloneAndTheBatchRunsAgainWithoutIt() {
        List<ConsumerRecord<String, String>> batch = hops(4);
        UUID refused = eventId(batch.get(1));
        fixture.handler.poison.add(refused);

        assertTrue(process(batch));

        List<UUID> rest = List.of(eventId(batch.get(0)), eventId(batch.get(2)), eventId(batch.get(3)));
        assertEquals(rest, fixture.ledger.handled(), "the others handled once, in order");
        assertEquals(rest, fixture.answered());
        assertEquals(2, fixture.ledger.transactions(), "the batch run again, once, without it");
        List<ProducerRecord<String, String>> dead = fixture.deadLetters();
        assertEquals(1, dead.size());
        assertEquals(batch.get(1).value(), dead.get(0).value());
        assertEquals("a notice no embassy can deliver", header(dead.get(0), "dead-letter-reason"));
        assertFalse(fixture.ledger.processed(refused), "the refused hop is not marked processed");
        assertEquals(0, keptAlive.get(), "no wait");
    }

    @Test
    void aHopRefusedWhenTheBatchIsWrittenIsNamedByItsIdAndSetAside() {
        List<ConsumerRecord<String, String>> batch = hops(3);
        UUID refused = eventId(batch.get(2));
        fixture.handler.poisonAtFinish.add(refused);

        assertTrue(process(batch));

        assertEquals(ids(batch.subList(0, 2)), fixture.ledger.handled());
        assertEquals(List.of(batch.get(2).value()), fixture.deadLetters().stream().map(ProducerRecord::value).toList());
        assertEquals("its notice cannot be written", header(fixture.deadLetters().get(0), "dead-letter-reason"));
    }

    @Test
    void aHopWhoseHandlingFailsThreeTimesIsPoisonAndTheOthersAreHandled() {
        List<ConsumerRecord<String, String>> batch = hops(3);
        UUID bad = eventId(batch.get(0));
        fixture.handler.failing.add(bad);

        assertTrue(process(batch));

        assertEquals(ids(batch.subList(1, 3)), fixture.ledger.handled());
        assertEquals(HopPipeline.ATTEMPTS, fixture.handler.attempted.stream().filter(bad::equals).count(),
                "tried " + HopPipeline.ATTEMPTS + " times");
        ProducerRecord<String, String> dead = fixture.deadLetters().get(0);
        assertEquals(batch.get(0).value(), dead.value());
        assertEquals(List.of("its handling failed 3 times"), fixture.deadLetterReasons());
        assertEquals("a bug", header(dead, "dead-letter-cause"));
        assertEquals(HopPipeline.ATTEMPTS - 1, keptAlive.get(), "kept in the group while it waited");
    }

    @Test
    void aRedeliveredBatchIsNotHandledAgain() {
        List<ConsumerRecord<String, String>> batch = hops(3);
        assertTrue(process(batch));
        List<ProducerRecord<String, String>> firstTime = List.copyOf(fixture.producer.history());

        List<ConsumerRecord<String, String>> again = new ArrayList<>(batch);
        again.add(record(0, 3, dispatch()));
        assertTrue(process(again));

        assertEquals(ids(again), fixture.ledger.handled(), "the first three once, the new one after them");
        assertEquals(ids(again), fixture.answered(), "nothing published twice: the answers were published");
        assertEquals(firstTime, fixture.producer.history().subList(0, 3));
    }

    @Test
    void twoCopiesOfOneHopInABatchAreHandledOnce() {
        HopEvent hop = dispatch();
        List<ConsumerRecord<String, String>> batch = List.of(record(0, 0, hop), record(1, 0, dispatch()),
                record(0, 1, hop));

        assertTrue(process(batch));

        assertEquals(List.of(hop.eventId(), eventId(batch.get(1))), fixture.ledger.handled());
        assertEquals(List.of(hop.eventId(), eventId(batch.get(1))), fixture.answered());
    }

    @Test
    void whenTheBrokerDoesNotTakeTheAnswersTheRetryPublishesThemWithoutHandlingAgain() {
        List<ConsumerRecord<String, String>> batch = hops(3);
        fixture.producer.sendException = new TimeoutException("the broker is away");

        assertTrue(process(batch, () -> {
            keptAlive.incrementAndGet();
            fixture.producer.sendException = null;
        }));

        assertEquals(ids(batch), fixture.handler.attempted, "handled in the first try only");
        assertEquals(ids(batch), fixture.ledger.handled());
        assertEquals(1, keptAlive.get());
        assertEquals(ids(batch), fixture.answered(), "the stored answers published in the second try, in order");
        assertTrue(fixture.ledger.unpublished().isEmpty());
    }

    @Test
    void whileTheDatabaseIsAwayTheBatchWaitsAndNothingIsSetAside() {
        List<ConsumerRecord<String, String>> batch = hops(2);
        fixture.ledger.away(true);

        assertTrue(process(batch, () -> {
            if (keptAlive.incrementAndGet() == HopPipeline.ATTEMPTS + 1) {
                fixture.ledger.away(false);
            }
        }));

        assertEquals(ids(batch), fixture.ledger.handled());
        assertTrue(fixture.deadLetters().isEmpty(), "the database being away is nobody's poison");
        assertEquals(HopPipeline.ATTEMPTS + 2, fixture.ledger.transactions());
    }

    @Test
    void aBatchUnfinishedWhenTheServiceStopsIsNeitherPublishedNorDone() {
        List<ConsumerRecord<String, String>> batch = hops(2);
        fixture.ledger.away(true);

        boolean done = process(batch, () -> fixture.pipeline.onStop(null));

        assertFalse(done, "not done: its offsets are not to be committed");
        assertTrue(fixture.ledger.handled().isEmpty());
        assertTrue(fixture.producer.history().isEmpty(), "nothing published");
        assertFalse(fixture.ledger.processed(eventId(batch.get(0))), "nothing marked processed");
    }

    @Test
    void answersGoInTheLaneOfWhatTheyAnswer() {
        assertTrue(process(hops(1)));
        assertEquals(ANSWERS, fixture.producer.history().get(0).topic());
    }
}
