package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates {@code kafka/sink} stages: idempotent producers with {@code acks=all} that send each record as its JSON
 * and make a flush wait for every acknowledgement.
 */
@Extension(name = "sink", description = "Sends each record as JSON to a Kafka topic through an idempotent producer;"
        + " a flush waits until all in-sync replicas have every record")
public final class KafkaSinkFactory implements SinkFactory {

    private static final List<Setting> SETTINGS = List.of(
            Setting.required("bootstrapServers", SettingType.STRING,
                    "The brokers to connect to first, as host:port pairs separated by commas."),
            Setting.optional("topic", SettingType.STRING,
                    "The topic every record is sent to; give this or topicField."),
            Setting.optional("topicField", SettingType.STRING,
                    "The field whose text names each record's topic; give this or topic."),
            Setting.optional("keyField", SettingType.STRING,
                    "The field whose value is the message key: its text as UTF-8, JSON for other values; none by"
                    + " default, so the producer spreads records over the partitions."),
            Setting.optional("properties", SettingType.OBJECT,
                    "Kafka producer properties passed through, such as {\"linger.ms\": 20}; the plugin sets the"
                    + " serializers, enable.idempotence, acks and bootstrap.servers itself."));

    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;

    /** The factory the host discovers: its sinks use a {@link KafkaProducer}. */
    public KafkaSinkFactory() {
        this(config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** For tests: sinks use the producer the function returns for the configuration. */
    KafkaSinkFactory(Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        this.producers = Objects.requireNonNull(producers, "producers");
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public Sink create(Settings settings, ExtensionContext context) {
        String extension = settings.extension();
        SinkConfig config = SinkConfig.of(extension, settings);
        try {
            return new KafkaSink(extension, config, producers.apply(config.producerConfig()));
        } catch (KafkaException e) {
            throw new ExtensionException(extension, "cannot create a producer for " + config.bootstrapServers()
                    + ": " + e.getMessage() + "; check the properties setting", e);
        }
    }
}
