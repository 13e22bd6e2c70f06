package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Creates {@code kafka/source} stages: members of a consumer group that share the partitions of their topics with
 * every other member, on this host or another, and commit offsets to the group only once the host has committed
 * the records before them.
 */
@Extension(name = "source", description = "Reads Kafka topics as a member of a consumer group; offsets reach the"
        + " group only after the sink has flushed the records before them")
public final class KafkaSourceFactory implements SourceFactory {

    private static final List<Setting> SETTINGS = List.of(
            Setting.required("bootstrapServers", SettingType.STRING,
                    "The brokers to connect to first, as host:port pairs separated by commas."),
            Setting.required("groupId", SettingType.STRING,
                    "The consumer group; every source in one group, on any host, shares the partitions."),
            Setting.optional("topics", SettingType.LIST,
                    "The topics to read, such as [\"orders\"]; give this or topicPattern."),
            Setting.optional("topicPattern", SettingType.STRING,
                    "A Java regular expression; every topic whose name matches is read. Give this or topics."),
            Setting.optional("format", SettingType.STRING,
                    "How a message value becomes fields: json (an object's fields), string or bytes (one field).")
                    .withDefault("json").oneOf("json", "string", "bytes"),
            Setting.optional("keyFormat", SettingType.STRING,
                    "How a message key becomes the key field: string (UTF-8 text), bytes or json (any JSON value).")
                    .withDefault("string").oneOf("string", "bytes", "json"),
            Setting.optional("valueField", SettingType.STRING,
                    "The field that holds a string or bytes value.").withDefault("value"),
            Setting.optional("keyField", SettingType.STRING,
                    "The field for the message key; \"\" leaves it out.").withDefault("key"),
            Setting.optional("topicField", SettingType.STRING,
                    "The field for the topic name; \"\" leaves it out.").withDefault("topic"),
            Setting.optional("partitionField", SettingType.STRING,
                    "The field for the partition number; \"\" leaves it out.").withDefault("partition"),
            Setting.optional("offsetField", SettingType.STRING,
                    "The field for the message offset; \"\" leaves it out.").withDefault("offset"),
            Setting.optional("timestampField", SettingType.STRING,
                    "The field for the message timestamp in epoch milliseconds; \"\" leaves it out.")
                    .withDefault("timestamp"),
            Setting.optional("headersField", SettingType.STRING,
                    "The field for the headers, an object of header name to text; \"\" leaves it out.")
                    .withDefault("headers"),
            Setting.optional("properties", SettingType.OBJECT,
                    "Kafka consumer properties passed through, such as {\"max.poll.records\": 1000}; the plugin"
                    + " sets enable.auto.commit, the deserializers, group.id and bootstrap.servers itself."));

    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers;

    /** The factory the host discovers: its sources use a {@link KafkaConsumer}. */
    public KafkaSourceFactory() {
        this(config -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    /** For tests: sources use the consumer the function returns for the configuration. */
    KafkaSourceFactory(Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers) {
        this.consumers = Objects.requireNonNull(consumers, "consumers");
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public Source create(Settings settings, SourceContext context) {
        String extension = settings.extension();
        SourceConfig config = SourceConfig.of(extension, settings);
        KafkaPosition checkpoint = KafkaSource.parse(extension, context.resumeFrom(), "the checkpoint to resume from")
                .orElse(KafkaPosition.empty());
        Consumer<byte[], byte[]> consumer;
        try {
            consumer = consumers.apply(config.consumerConfig());
        } catch (KafkaException e) {
            throw new ExtensionException(extension, "cannot create a consumer for group '" + config.groupId()
                    + "' at " + config.bootstrapServers() + ": " + e.getMessage() + "; check the properties setting",
                    e);
        }
        try {
            return new KafkaSource(extension, config, consumer, context, checkpoint);
        } catch (RuntimeException e) {
            try {
                consumer.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
