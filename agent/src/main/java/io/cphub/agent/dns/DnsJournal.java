package io.cphub.agent.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.agent.AgentException;
import io.cphub.model.wire.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only DNS journal: one JSON {@link JournalEntry} per line, forced to disk before
 * {@link #append} returns, so an old value is on disk before the edit that replaces it is sent.
 * Not for concurrent writers (one {@code dns apply} or {@code rollback} at a time).
 */
public final class DnsJournal {
  private final Path file;

  public DnsJournal(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public void append(JournalEntry e) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      byte[] line = (Json.mapper().writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ch.write(ByteBuffer.wrap(line));
        ch.force(true);
      }
    } catch (JsonProcessingException ex) {
      throw new AgentException("cannot render DNS journal entry for " + e.zone(), ex);
    } catch (IOException ex) {
      throw new AgentException("cannot write the DNS journal " + file + ": " + ex.getMessage(), ex);
    }
  }

  /** Every entry in order; an empty list when there is no journal yet. A corrupt line throws, naming it. */
  public List<JournalEntry> read() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<JournalEntry> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        try {
          out.add(Json.mapper().readValue(lines.get(i), JournalEntry.class));
        } catch (JsonProcessingException ex) {
          throw new AgentException("DNS journal " + file + " line " + (i + 1) + " is not a journal entry: "
              + ex.getOriginalMessage(), ex);
        }
      }
    } catch (IOException ex) {
      throw new AgentException("cannot read the DNS journal " + file + ": " + ex.getMessage(), ex);
    }
    return out;
  }
}
