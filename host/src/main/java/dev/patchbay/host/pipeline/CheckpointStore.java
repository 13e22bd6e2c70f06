package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.host.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Persists each pipeline's committed source position in {@code <state>/<pipeline>.json}, as a {@link Checkpoint}.
 *
 * <p>A file that is not exactly one sound checkpoint of its own pipeline is refused by {@link #load}, never
 * half-read: data after the JSON object, a repeated member, a missing or mistyped member, or another
 * pipeline's name. The pipeline then fails before its source is created, and the message says to delete the
 * file to start from the beginning of the input.
 *
 * <p>A write is atomic and durable, through {@link AtomicFiles} (as the configuration editor's): the new
 * content goes to a temporary file of its own in the same directory, which is forced to disk and then moved
 * over the old file with {@code ATOMIC_MOVE}; the directory is forced too, so the rename survives a power
 * loss. A crash at any moment leaves either the old or the new checkpoint, never a torn one, and a failed
 * write leaves no temporary file.
 *
 * <p>Each pipeline's file is written only by that pipeline's sink thread, and {@link HomeLock} keeps a
 * second run off the state directory, so no locking is needed for the files. The time of each pipeline's last
 * checkpoint, read or committed, is kept in a concurrent map for readers on other threads (the admin API, the
 * metrics).
 */
public final class CheckpointStore {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path directory;
    private final Clock clock;
    private final AtomicFiles files;
    private final Map<String, Instant> committedAt = new ConcurrentHashMap<>();

    public CheckpointStore(Path directory) {
        this(directory, Clock.systemUTC());
    }

    public CheckpointStore(Path directory, Clock clock) {
        this(directory, clock, new AtomicFiles());
    }

    /** A store that writes through {@code files}, the one atomic-write helper. */
    public CheckpointStore(Path directory, Clock clock, AtomicFiles files) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.files = Objects.requireNonNull(files, "files");
    }

    /** The file holding a pipeline's checkpoint. */
    public Path file(String pipeline) {
        if (!SAFE_NAME.matcher(pipeline).matches()) {
            throw new IllegalArgumentException("pipeline name '" + pipeline + "' cannot name a checkpoint file; "
                    + "use letters, digits, '.', '_' and '-'");
        }
        return directory.resolve(pipeline + ".json");
    }

    /**
     * Reads a pipeline's last committed position.
     *
     * @return empty when the pipeline never committed one
     * @throws IOException if the file exists but cannot be read or is not a sound checkpoint of this pipeline
     *                     (see {@link Checkpoint#parse}), naming the file, what is wrong and the fix
     */
    public Optional<Position> load(String pipeline) throws IOException {
        Path file = file(pipeline);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        requireFileOrNothing(pipeline);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("checkpoint " + file + " cannot be read (" + e + "); check that this user can "
                    + "read it, or delete it to start pipeline '" + pipeline + "' from the beginning of its input", e);
        }
        try {
            Checkpoint checkpoint = Checkpoint.parse(content, pipeline);
            committedAt.put(pipeline, checkpoint.committedAt());
            return Optional.of(checkpoint.position());
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + file + " " + e.getMessage() + "; delete it to start pipeline '"
                    + pipeline + "' from the beginning of its input", e);
        }
    }

    /**
     * Refuses a pipeline's checkpoint path when something other than a file is there (a folder, or a link to
     * one): no commit can replace it, and reading a named pipe would block until something writes to it.
     *
     * @throws IOException naming the path, what is there and the fix
     */
    void requireFileOrNothing(String pipeline) throws IOException {
        Path file = file(pipeline);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            String kind = Files.isDirectory(file) ? "a folder" : "a device, socket or pipe";
            throw new IOException("checkpoint " + file + " of pipeline '" + pipeline + "' is " + kind + ", not a "
                    + "file; move it away (without a checkpoint the pipeline starts from the beginning of its input)");
        }
    }

    /**
     * Atomically replaces a pipeline's checkpoint, through {@link AtomicFiles}.
     *
     * @throws IOException naming the checkpoint file, the step that failed and the cause; the previous
     *                     checkpoint is then unchanged and no temporary file is left
     */
    public void commit(String pipeline, Position position, long sourceRecords) throws IOException {
        Path file = file(pipeline);
        Instant now = clock.instant();
        files.write(file, new Checkpoint(pipeline, position, sourceRecords, now).toJson());
        committedAt.put(pipeline, now);
    }

    /**
     * When the pipeline's checkpoint was committed, as last loaded or committed through this store; empty before
     * the pipeline loaded one, or when it has none. Any thread.
     */
    public Optional<Instant> committedAt(String pipeline) {
        return Optional.ofNullable(committedAt.get(pipeline));
    }
}
