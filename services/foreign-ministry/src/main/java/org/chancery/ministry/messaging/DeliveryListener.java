package org.chancery.ministry.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.chancery.ministry.service.Ministry;
import org.chancery.messaging.HopConsumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What channels hand to ministries, from {@code chancery.delivery}. */
@ApplicationScoped
public class DeliveryListener {

    @Inject
    HopConsumer consumer;

    @Inject
    Ministry ministry;

    @Incoming("delivery")
    @Blocking
    public CompletionStage<Void> onDelivery(Message<String> message) {
        return consumer.consume(message, ministry::onDelivery);
    }
}
