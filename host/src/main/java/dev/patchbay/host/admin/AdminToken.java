package dev.patchbay.host.admin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's bearer token, kept in the token file. The file is created on first start with permissions 0600
 * from the moment it exists, and refused later when group or others may read or write it.
 *
 * <p>How an {@code Authorization} header is judged ({@link #accepts}): outer white space is trimmed (HTTP does not
 * count it as part of a field value); the scheme {@code Bearer} is case-insensitive (RFC 7235: auth schemes are);
 * one or more spaces separate it from the token; the token must then equal this one exactly, byte for byte, compared
 * in constant time. A prefix, one character off, another case, an extra character or inner white space is refused.
 */
public final class AdminToken {

    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    private static final int RANDOM_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads the token file, or creates it with a new random token (and its folders) when it does not exist.
     *
     * @throws IOException naming the file when it cannot be read or created, is empty, or is shared with group
     *         or others
     */
    public static AdminToken loadOrCreate(Path file, SecureRandom random) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            try {
                create(file, random);
                LOG.info("Created the admin API token in {} (readable by this user only)", file);
            } catch (FileAlreadyExistsException e) {
                LOG.debug("The admin token file {} appeared while it was being created; reading it", file, e);
            }
        }
        return read(file);
    }

    /**
     * Reads an existing token file.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws IOException naming the file when it cannot be read, is empty, or is shared with group or others
     */
    public static AdminToken read(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
            shared.addAll(permissions);
            shared.retainAll(SHARED);
            if (!shared.isEmpty()) {
                throw new IOException("the admin token file " + file + " has permissions "
                        + PosixFilePermissions.toString(permissions) + ", so other users may read or change the "
                        + "token; run chmod 600 " + file + " (or delete it to have a new token made)");
            }
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read the admin token file " + file + ": " + e
                    + "; check that it is a readable file, or delete it to have a new token made", e);
        }
        if (text.isEmpty()) {
            throw new IOException("the admin token file " + file + " is empty; write a token into it or delete it "
                    + "to have a new one made");
        }
        return new AdminToken(text);
    }

    /** The token as clients send it (for the CLI, which reads the same file). */
    public String value() {
        return new String(token, StandardCharsets.UTF_8);
    }

    /** Whether an {@code Authorization} header carries this token (see the class comment for the rules). */
    public boolean accepts(Optional<String> authorization) {
        Optional<String> presented = authorization.flatMap(AdminToken::bearer);
        // The expected token first: isEqual's time then depends on its length only, never on where they differ.
        return presented.isPresent()
                && MessageDigest.isEqual(token, presented.get().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> bearer(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String credentials = value.substring(space).stripLeading();
        return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials);
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        boolean posix = Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null;
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot create the admin token file " + file + ": " + e + "; check that "
                    + parent + " is a writable folder, or set admin.tokenFile", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }
}
