package dev.patchbay.host.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive lock a {@code run} holds on its state directory, {@code <state>/.patchbay.lock}, from before
 * the plugins start until the run ends, so that two runs never read and commit the same checkpoints (two
 * unlocked runs on one home turned 510 input lines into about 1,015 output lines).
 *
 * <p>The lock is an OS file lock ({@link FileChannel#tryLock()}), which the kernel releases when its process
 * dies, however it dies. The file also says who holds it, as one JSON object ({@code pid}, {@code startedAt},
 * {@code command}), so that a refused run can name the holder. Closing the lock empties the file; a file that
 * still names a process when the lock is free was left by a crash or {@code kill -9}, and is taken over with
 * an INFO line. The file is emptied, never deleted: deleting it would let a waiting run lock the deleted file
 * while a third locks a new one.
 *
 * <p>Only commands that write state take it: {@code config check} and {@code plugins list} read the home and
 * run alongside a run.
 */
public final class HomeLock implements AutoCloseable {

    /** The lock file's name in the state directory. */
    public static final String FILE_NAME = ".patchbay.lock";

    private static final Logger LOG = LoggerFactory.getLogger(HomeLock.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_READ = 64 * 1024;

    /*
     * The locks this JVM holds, by lock file, with their holders. File locks belong to the whole JVM, and on
     * Linux closing any channel on a locked file drops the JVM's lock on it (FileLock's javadoc). So this JVM
     * must never open the file of a lock it holds, not even to read the holder's details: acquire looks here
     * first. JVM-wide like the locks themselves, hence static, against the rule; guarded by itself.
     */
    private static final Map<Object, Holder> HELD = new HashMap<>();

    /**
     * Who holds the lock, as written in the lock file.
     *
     * @param pid the holder's process id
     * @param startedAt when it took the lock, to the second
     * @param command the command line it runs, such as {@code patchbay run}
     */
    public record Holder(long pid, Instant startedAt, String command) {

        public Holder {
            if (pid <= 0) {
                throw new IllegalArgumentException("a process id is positive, got " + pid);
            }
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(command, "command");
        }

        /** This process, taking the lock now to run {@code command}. */
        public static Holder current(Clock clock, String command) {
            return new Holder(ProcessHandle.current().pid(), clock.instant().truncatedTo(ChronoUnit.SECONDS),
                    command);
        }

        /** {@code pid 12345, running since 2026-12-01T10:15:00Z, "patchbay run"}. */
        String describe() {
            return "pid " + pid + ", running since " + startedAt + ", \"" + command + "\"";
        }

        byte[] toJson() throws IOException {
            ObjectNode node = JSON.createObjectNode();
            node.put("pid", pid);
            node.put("startedAt", startedAt.toString());
            node.put("command", command);
            return JSON.writeValueAsBytes(node);
        }

        /** Reads a lock file's content; throws IllegalArgumentException saying what is wrong with it. */
        static Holder parse(byte[] content) {
            if (content.length == 0) {
                throw new IllegalArgumentException("it is empty");
            }
            JsonNode node;
            try {
                node = JSON.readTree(content);
            } catch (IOException e) {
                throw new IllegalArgumentException("it is not a Patchbay lock file: " + quote(content), e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("it is not a Patchbay lock file: " + quote(content));
            }
            JsonNode pid = node.get("pid");
            if (pid == null || !pid.canConvertToExactIntegral() || !pid.canConvertToLong() || pid.asLong() <= 0) {
                throw new IllegalArgumentException("it has no positive whole \"pid\": " + quote(content));
            }
            JsonNode startedAt = node.get("startedAt");
            Instant since;
            try {
                since = Instant.parse(startedAt == null ? "" : startedAt.asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("it has no ISO-8601 \"startedAt\": " + quote(content), e);
            }
            JsonNode command = node.get("command");
            return new Holder(pid.asLong(), since, command == null ? "" : command.asText());
        }

        private static String quote(byte[] content) {
            String text = new String(content, StandardCharsets.UTF_8).strip();
            return "'" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "'";
        }
    }

    /** Another process, or another run in this one, holds the lock; the message names it and says what to do. */
    public static final class HeldException extends Exception {

        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final Object key;
    private final FileChannel channel;
    private final Holder holder;
    private boolean closed;

    private HomeLock(Path file, Object key, FileChannel channel, Holder holder) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.holder = holder;
    }

    /**
     * Takes the lock on {@code stateDirectory} (created if missing) for {@code holder}, without waiting.
     *
     * @throws HeldException if another process or another run in this one holds it, naming the holder from
     *                       the lock file
     * @throws IOException if the directory or the lock file cannot be created, opened, locked or written,
     *                     naming it
     */
    public static HomeLock acquire(Path stateDirectory, Holder holder) throws IOException, HeldException {
        Objects.requireNonNull(holder, "holder");
        Path directory = stateDirectory.toAbsolutePath().normalize();
        Path file = directory.resolve(FILE_NAME);
        synchronized (HELD) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new IOException("cannot create the state directory " + directory + " to lock it (" + e
                        + "); check that it is a folder this user can write, or set \"state.directory\" in the "
                        + "configuration", e);
            }
            if (Files.exists(file)) {
                Holder inThisJvm = HELD.get(key(file));
                if (inThisJvm != null) {
                    throw new HeldException("another run in this process (" + inThisJvm.describe()
                            + ") holds the lock on " + directory + "; stop it first, or use another home");
                }
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new IOException("cannot open the lock file " + file + " (" + e + "); check that it is a "
                        + "regular file this user can write", e);
            }
            boolean locked = false;
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // Locked through a channel HomeLock does not know (code in another class loader). Closing
                    // ours below drops that lock at the OS level on Linux: nothing can be done about it here.
                    throw new HeldException("this process (pid " + ProcessHandle.current().pid()
                            + ") already holds the lock on " + directory + " through another channel on " + file
                            + "; stop the other run in it first, or use another home");
                }
                if (lock == null) {
                    throw new HeldException(refusal(directory, file, read(channel)));
                }
                byte[] previous = read(channel);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(holder.toJson()), 0);
                channel.force(true);
                Object key = key(file);
                HELD.put(key, holder);
                locked = true;
                reportTakeover(file, previous);
                return new HomeLock(file, key, channel, holder);
            } catch (IOException e) {
                throw new IOException("cannot lock " + file + " (" + e + "); check that it is a regular file this "
                        + "user can write, on a file system that supports locks", e);
            } finally {
                if (!locked) {
                    channel.close();
                }
            }
        }
    }

    /** The lock file, {@code <state>/.patchbay.lock}. */
    public Path file() {
        return file;
    }

    /** Who holds this lock: this process. */
    public Holder holder() {
        return holder;
    }

    /**
     * Empties the lock file and releases the lock. Idempotent.
     *
     * @throws IOException if the file could not be emptied, naming it; the lock is released all the same
     */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.truncate(0);
                channel.force(true);
            } catch (IOException e) {
                throw new IOException("could not empty the lock file " + file + " (" + e + "); the lock is "
                        + "released all the same, and the next run takes it over", e);
            } finally {
                try {
                    channel.close();
                } finally {
                    HELD.remove(key);
                }
            }
        }
    }

    private static String refusal(Path directory, Path file, byte[] content) {
        Holder holder;
        try {
            holder = Holder.parse(content);
        } catch (IllegalArgumentException e) {
            return "another process holds the lock on " + directory + ", but its lock file " + file
                    + " does not say which: " + e.getMessage() + "; find it with `fuser -v " + file
                    + "`, stop it first, or use another home";
        }
        return "another Patchbay process (" + holder.describe() + ") holds the lock on " + directory
                + "; stop it first, or use another home";
    }

    private static void reportTakeover(Path file, byte[] previous) {
        if (previous.length == 0) {
            return;
        }
        Holder stale;
        try {
            stale = Holder.parse(previous);
        } catch (IllegalArgumentException e) {
            LOG.info("took over a stale lock in {} that no process held; its content could not be read ({})",
                    file, e.getMessage());
            return;
        }
        String what = "took over a stale lock of pid " + stale.pid() + " from " + stale.startedAt() + " (\""
                + stale.command() + "\") in " + file;
        boolean alive = ProcessHandle.of(stale.pid()).map(ProcessHandle::isAlive).orElse(false);
        if (alive) {
            LOG.info("{}: pid {} is running but does not hold the lock, so it is another process that reused the "
                    + "pid after the holder ended without releasing it", what, stale.pid());
        } else {
            LOG.info("{}: that process is gone (killed or crashed); its pipelines resume from their last "
                    + "checkpoints", what);
        }
    }

    private static byte[] read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_READ, channel.size()));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read until the buffer is full or the file ends
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    /**
     * What identifies the lock file: its real path and its file key (device and inode) where the platform has
     * one. The path too, because an entry left by a run whose stage threads were abandoned (its lock is held
     * until the process exits) must not match a new file that reuses the inode of a deleted one.
     */
    private static Object key(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        Path real = file.toRealPath();
        return key != null ? List.of(real, key) : real;
    }
}
