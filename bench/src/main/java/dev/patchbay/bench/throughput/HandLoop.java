package dev.patchbay.bench.throughput;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ceiling for plugin-free code: the throughput job written as one single-threaded loop. It reads the CSV
 * (RFC 4180 quoting, header required), keeps rows whose age is at least 18, renames {@code name} to
 * {@code full_name}, replaces {@code email} by its SHA-256 hex, and writes JSON Lines with Jackson's streaming
 * generator, numbers as numbers.
 *
 * <p>Usage: {@code HandLoop <input.csv> <output.jsonl>}; prints the record counts.
 */
public final class HandLoop {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HandLoop() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: HandLoop <input.csv> <output.jsonl>");
        }
        long[] counts = run(Path.of(args[0]), Path.of(args[1]));
        System.out.printf(Locale.ROOT, "records in=%d out=%d%n", counts[0], counts[1]);
    }

    static long[] run(Path input, Path output) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        JsonFactory json = JsonFactory.builder().build();
        long in = 0;
        long out = 0;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                OutputStream file = Files.newOutputStream(output);
                JsonGenerator writer = json.createGenerator(new java.io.BufferedOutputStream(file, 1 << 16))) {
            writer.setRootValueSeparator(null);
            List<String> header = parseRow(reader, reader.readLine());
            if (header == null) {
                throw new IOException(input + " is empty; expected a header line id,name,email,age,city,score");
            }
            int idAt = indexOf(header, "id", input);
            int nameAt = indexOf(header, "name", input);
            int emailAt = indexOf(header, "email", input);
            int ageAt = indexOf(header, "age", input);
            int cityAt = indexOf(header, "city", input);
            int scoreAt = indexOf(header, "score", input);
            String line;
            while ((line = reader.readLine()) != null) {
                List<String> row = parseRow(reader, line);
                in++;
                long age = Long.parseLong(row.get(ageAt));
                if (age < 18) {
                    continue;
                }
                writer.writeStartObject();
                writer.writeNumberField("id", Long.parseLong(row.get(idAt)));
                writer.writeStringField("full_name", row.get(nameAt));
                writer.writeStringField("email", sha256Hex(sha256, row.get(emailAt)));
                writer.writeNumberField("age", age);
                writer.writeStringField("city", row.get(cityAt));
                writer.writeNumberField("score", Double.parseDouble(row.get(scoreAt)));
                writer.writeEndObject();
                writer.writeRaw('\n');
                out++;
            }
        }
        return new long[] {in, out};
    }

    private static int indexOf(List<String> header, String column, Path input) throws IOException {
        int at = header.indexOf(column);
        if (at < 0) {
            throw new IOException(input + " has no column '" + column + "' in its header " + header);
        }
        return at;
    }

    private static String sha256Hex(MessageDigest digest, String value) {
        byte[] hash = digest.digest(value.getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            hex[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(hex);
    }

    /** Splits one CSV record, reading further lines while a quoted field spans line ends. */
    static List<String> parseRow(BufferedReader reader, String first) throws IOException {
        if (first == null) {
            return null;
        }
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder(32);
        String line = first;
        int i = 0;
        boolean quoted = false;
        while (true) {
            if (i == line.length()) {
                if (quoted) {
                    String next = reader.readLine();
                    if (next == null) {
                        throw new IOException("unterminated quoted field at end of input");
                    }
                    field.append('\n');
                    line = next;
                    i = 0;
                    continue;
                }
                fields.add(field.toString());
                return fields;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append(c);
            }
        }
    }
}
